package io.dynarocks.protocol.json;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.legacy.AttributeValueUpdate;
import io.dynarocks.protocol.expression.legacy.ExpectedAttributeValue;
import io.dynarocks.protocol.expression.legacy.LegacyCondition;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Readers for the legacy (pre-expression) request parameters: Expected, AttributeUpdates, filters and KeyConditions. */
public final class LegacyJson {

    private LegacyJson() {}

    /** {@code Expected}: attribute name → ExpectedAttributeValue. */
    public static Map<String, ExpectedAttributeValue> expected(JsonReader r) throws IOException {
        return r.readMap(v -> {
            var f = new Object() {
                AttributeValue value;
                Boolean exists;
                String operator;
                List<AttributeValue> list;
            };
            v.readObject((n, m) -> {
                switch (n) {
                    case "Value" -> f.value = m.isNull() ? null : AttributeValueJson.read(m);
                    case "Exists" -> f.exists = m.readBoolean();
                    case "ComparisonOperator" -> f.operator = m.readString();
                    case "AttributeValueList" -> f.list = m.readList(AttributeValueJson::read);
                    default -> m.skip();
                }
            });
            return new ExpectedAttributeValue(f.value, f.exists, f.operator, f.list);
        });
    }

    /** {@code AttributeUpdates}: attribute name → AttributeValueUpdate. */
    public static Map<String, AttributeValueUpdate> attributeUpdates(JsonReader r) throws IOException {
        return r.readMap(v -> {
            var f = new Object() {
                AttributeValue value;
                String action;
            };
            v.readObject((n, m) -> {
                switch (n) {
                    case "Value" -> f.value = m.isNull() ? null : AttributeValueJson.read(m);
                    case "Action" -> f.action = m.readString();
                    default -> m.skip();
                }
            });
            return new AttributeValueUpdate(f.value, f.action);
        });
    }

    /** {@code QueryFilter}, {@code ScanFilter} or {@code KeyConditions}: attribute name → Condition. */
    public static Map<String, LegacyCondition> conditions(JsonReader r) throws IOException {
        return r.readMap(v -> {
            var f = new Object() {
                String operator;
                List<AttributeValue> list;
            };
            v.readObject((n, m) -> {
                switch (n) {
                    case "ComparisonOperator" -> f.operator = m.readString();
                    case "AttributeValueList" -> f.list = m.readList(AttributeValueJson::read);
                    default -> m.skip();
                }
            });
            return new LegacyCondition(f.operator, f.list);
        });
    }
}
