package io.dynarocks.engine.expression;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoNumber;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Shorthands for building items in tests. */
final class Items {

    private Items() {}

    static AttributeValue s(String v) {
        return new AttributeValue.S(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.N.of(v);
    }

    static AttributeValue l(AttributeValue... v) {
        return new AttributeValue.L(List.of(v));
    }

    static AttributeValue ss(String... v) {
        return new AttributeValue.SS(new LinkedHashSet<>(Arrays.asList(v)));
    }

    static AttributeValue ns(String... v) {
        LinkedHashSet<DynamoNumber> set = new LinkedHashSet<>();
        for (String x : v) {
            set.add(DynamoNumber.parse(x));
        }
        return new AttributeValue.NS(set);
    }

    static AttributeValue m(Object... kv) {
        return new AttributeValue.M(item(kv));
    }

    static Map<String, AttributeValue> item(Object... kv) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put((String) kv[i], (AttributeValue) kv[i + 1]);
        }
        return map;
    }
}
