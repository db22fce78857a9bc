package io.dynarocks.engine.item;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoNumber;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemCodecTest {

    @Test
    void everyTypeRoundTrips() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("s", AttributeValue.s("x".repeat(70_000)));
        item.put("n", AttributeValue.n("-12.5"));
        item.put("b", new AttributeValue.B(new AttributeValue.Binary(new byte[] {0, -1})));
        item.put("ss", new AttributeValue.SS(Set.of("a")));
        item.put("ns", new AttributeValue.NS(Set.of(DynamoNumber.parse("3"))));
        item.put("bs", new AttributeValue.BS(Set.of(new AttributeValue.Binary(new byte[] {7}))));
        item.put("m", new AttributeValue.M(Map.of("k", new AttributeValue.L(List.of(new AttributeValue.NULL())))));
        item.put("bool", new AttributeValue.BOOL(false));
        assertThat(ItemCodec.decode(ItemCodec.encode(item))).isEqualTo(item);
    }
}
