package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.AttributeValueJson;
import io.dynarocks.protocol.json.JsonReader;
import java.util.List;
import java.util.Map;

/** BatchGetItem's request: per table, the keys to read and how to read them. */
public record BatchGetItemRequest(Map<String, KeysAndAttributes> requestItems, String returnConsumedCapacity) {

    /** One table's part of the request. */
    public record KeysAndAttributes(List<Map<String, AttributeValue>> keys, String projectionExpression,
            List<String> attributesToGet, ExpressionParameters expressionParameters, boolean consistentRead) {}

    public static final int MAX_KEYS = 100;

    public static BatchGetItemRequest decode(byte[] body) {
        var f = new Object() {
            Map<String, KeysAndAttributes> items;
            String capacity;
        };
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "RequestItems" -> f.items = r.readMap(BatchGetItemRequest::keysAndAttributes);
                case "ReturnConsumedCapacity" -> f.capacity = r.readString();
                default -> r.skip();
            }
        });
        Constraints c = new Constraints().notNull(f.items, "requestItems");
        c.oneOf(f.capacity, "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE");
        if (f.items != null) {
            if (f.items.isEmpty()) {
                c.fail(f.items, "requestItems", "Member must have length greater than or equal to 1");
            }
            f.items.forEach((table, ka) -> {
                c.tableName(table, "requestItems.key");
                c.notNull(ka.keys(), "requestItems." + table + ".member.keys");
                c.size(ka.keys(), 1, MAX_KEYS, "requestItems." + table + ".member.keys");
                if (ka.keys() != null) {
                    for (int i = 0; i < ka.keys().size(); i++) {
                        c.notNull(ka.keys().get(i), "requestItems." + table + ".member.keys." + (i + 1) + ".member");
                    }
                }
                c.size(ka.attributesToGet(), 1, Integer.MAX_VALUE,
                        "requestItems." + table + ".member.attributesToGet");
            });
        }
        c.check();
        int total = f.items.values().stream().mapToInt(k -> k.keys().size()).sum();
        if (total > MAX_KEYS) {
            throw DynamoException.validation("Too many items requested for the BatchGetItem call");
        }
        return new BatchGetItemRequest(f.items, f.capacity);
    }

    private static KeysAndAttributes keysAndAttributes(JsonReader r) throws java.io.IOException {
        var f = new Object() {
            List<Map<String, AttributeValue>> keys;
            String projection;
            List<String> attributes;
            Map<String, String> names;
            Boolean consistent;
        };
        r.readObject((n, v) -> {
            switch (n) {
                case "Keys" -> f.keys = v.readList(AttributeValueJson::readItem);
                case "ProjectionExpression" -> f.projection = v.readString();
                case "AttributesToGet" -> f.attributes = Members.strings(v);
                case "ExpressionAttributeNames" -> f.names = Members.names(v);
                case "ConsistentRead" -> f.consistent = v.readBoolean();
                default -> v.skip();
            }
        });
        return new KeysAndAttributes(f.keys, f.projection, f.attributes, new ExpressionParameters(f.names, null),
                Boolean.TRUE.equals(f.consistent));
    }
}
