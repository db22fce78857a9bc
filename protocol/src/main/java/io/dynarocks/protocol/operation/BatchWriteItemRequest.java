package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.AttributeValueJson;
import io.dynarocks.protocol.json.JsonReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** BatchWriteItem's request: per table, a list of puts (item) and deletes (key). */
public record BatchWriteItemRequest(Map<String, List<WriteRequest>> requestItems, String returnConsumedCapacity,
        String returnItemCollectionMetrics) {

    /** One put ({@code item}) or delete ({@code key}). */
    public record WriteRequest(Map<String, AttributeValue> item, Map<String, AttributeValue> key) {}

    public static final int MAX_REQUESTS = 25;

    public static BatchWriteItemRequest decode(byte[] body) {
        var f = new Object() {
            Map<String, List<WriteRequest>> items;
            String capacity;
            String metrics;
        };
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "RequestItems" -> f.items = r.readMap(list -> list.readList(BatchWriteItemRequest::request));
                case "ReturnConsumedCapacity" -> f.capacity = r.readString();
                case "ReturnItemCollectionMetrics" -> f.metrics = r.readString();
                default -> r.skip();
            }
        });
        Constraints c = new Constraints().notNull(f.items, "requestItems");
        c.oneOf(f.capacity, "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE");
        c.oneOf(f.metrics, "returnItemCollectionMetrics", "SIZE", "NONE");
        if (f.items != null) {
            if (f.items.isEmpty()) {
                c.fail(f.items, "requestItems", "Member must have length greater than or equal to 1");
            }
            f.items.forEach((table, list) -> {
                c.tableName(table, "requestItems.key");
                c.notNull(list, "requestItems." + table + ".member");
                c.size(list, 1, MAX_REQUESTS, "requestItems." + table + ".member");
            });
        }
        c.check();
        int total = f.items.values().stream().mapToInt(List::size).sum();
        if (total > MAX_REQUESTS) {
            throw DynamoException.validation("Too many items requested for the BatchWriteItem call");
        }
        for (List<WriteRequest> list : f.items.values()) {
            for (WriteRequest w : list) {
                if ((w.item() == null) == (w.key() == null)) {
                    throw DynamoException.validation("Supplied AttributeValue has more than one datatypes set, must "
                            + "contain exactly one of the supported datatypes");
                }
            }
        }
        return new BatchWriteItemRequest(f.items, f.capacity, f.metrics);
    }

    private static WriteRequest request(JsonReader r) throws java.io.IOException {
        Map<String, Map<String, AttributeValue>> parts = new LinkedHashMap<>();
        r.readObject((n, v) -> {
            switch (n) {
                case "PutRequest" -> v.readObject((pn, pv) -> {
                    if (pn.equals("Item")) {
                        parts.put("item", AttributeValueJson.readItem(pv));
                    } else {
                        pv.skip();
                    }
                });
                case "DeleteRequest" -> v.readObject((dn, dv) -> {
                    if (dn.equals("Key")) {
                        parts.put("key", AttributeValueJson.readItem(dv));
                    } else {
                        dv.skip();
                    }
                });
                default -> v.skip();
            }
        });
        return new WriteRequest(parts.get("item"), parts.get("key"));
    }
}
