package io.dynarocks.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@link Workloads} as ready-made JSON bodies for {@link RawConnection}: the same requests on the
 * same {@link DataSet}, without the SDK. Each names its action and builds its body per call.
 */
final class RawWorkloads {

    /** One request: the action (the X-Amz-Target suffix) and its body. */
    record Request(String action, byte[] body) {}

    /** Builds the next request of a workload. */
    @FunctionalInterface
    interface Builder {
        Request next(DataSet data, ThreadLocalRandom random);
    }

    static final Map<String, Builder> ALL = new LinkedHashMap<>();

    static {
        ALL.put("put", (d, r) -> put(d, r.nextInt(d.items)));
        ALL.put("get", (d, r) -> get(d, r.nextInt(d.items)));
        ALL.put("mixed", (d, r) -> r.nextBoolean() ? put(d, r.nextInt(d.items)) : get(d, r.nextInt(d.items)));
        ALL.put("query", (d, r) -> request("Query", "{\"TableName\":\"" + d.table
                + "\",\"KeyConditionExpression\":\"pk = :pk\",\"ExpressionAttributeValues\":{\":pk\":{\"S\":\"p"
                + r.nextInt(d.partitions()) + "\"}}}"));
        ALL.put("update", (d, r) -> request("UpdateItem", "{\"TableName\":\"" + d.table + "\",\"Key\":"
                + key(r.nextInt(d.items)) + ",\"UpdateExpression\":\"ADD n :one\","
                + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}"));
        ALL.put("transact-write", (d, r) -> {
            int first = r.nextInt(d.items);
            int second = (first + d.items / 2 + 1) % d.items;
            return request("TransactWriteItems", "{\"TransactItems\":[{\"Put\":{\"TableName\":\"" + d.table
                    + "\",\"Item\":" + item(d, first) + "}},{\"Put\":{\"TableName\":\"" + d.table + "\",\"Item\":"
                    + item(d, second) + "}}]}");
        });
        ALL.put("batch-write", (d, r) -> {
            int start = r.nextInt(d.items);
            StringBuilder writes = new StringBuilder("{\"RequestItems\":{\"").append(d.table).append("\":[");
            for (int k = 0; k < 25; k++) {
                writes.append(k == 0 ? "" : ",").append("{\"PutRequest\":{\"Item\":")
                        .append(item(d, (start + k) % d.items)).append("}}");
            }
            return request("BatchWriteItem", writes.append("]}}").toString());
        });
        ALL.put("scan", (d, r) -> request("Scan", "{\"TableName\":\"" + d.table + "\",\"Limit\":100}"));
        ALL.put("hot-get", (d, r) -> {
            int hot = Math.max(1, d.items / 100);
            return get(d, r.nextInt(10) < 9 ? r.nextInt(hot) : r.nextInt(d.items));
        });
    }

    private RawWorkloads() {}

    private static Request put(DataSet d, int i) {
        return request("PutItem", "{\"TableName\":\"" + d.table + "\",\"Item\":" + item(d, i) + "}");
    }

    private static Request get(DataSet d, int i) {
        return request("GetItem", "{\"TableName\":\"" + d.table + "\",\"Key\":" + key(i) + "}");
    }

    private static String key(int i) {
        return "{\"pk\":{\"S\":\"p" + i / DataSet.ITEMS_PER_PARTITION + "\"},\"sk\":{\"S\":\"s"
                + i % DataSet.ITEMS_PER_PARTITION + "\"}}";
    }

    static String item(DataSet d, int i) {
        String key = key(i);
        return key.substring(0, key.length() - 1) + ",\"n\":{\"N\":\"0\"},\"data\":{\"S\":\"" + d.payload() + "\"}}";
    }

    private static Request request(String action, String json) {
        return new Request(action, json.getBytes(StandardCharsets.UTF_8));
    }
}
