package io.dynarocks.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** The workloads by name; each issues one request per call against the {@link DataSet}'s table. */
final class Workloads {

    /** One request of a workload. */
    @FunctionalInterface
    interface Request {
        void issue(DynamoDbClient client, DataSet data, ThreadLocalRandom random);
    }

    static final Map<String, Request> ALL = new LinkedHashMap<>();

    static {
        ALL.put("put", Workloads::put);
        ALL.put("get", Workloads::get);
        ALL.put("mixed", (c, d, r) -> {
            if (r.nextBoolean()) {
                put(c, d, r);
            } else {
                get(c, d, r);
            }
        });
        ALL.put("query", Workloads::query);
        ALL.put("update", Workloads::update);
        ALL.put("transact-write", Workloads::transactWrite);
        ALL.put("batch-write", Workloads::batchWrite);
        ALL.put("scan", Workloads::scan);
        ALL.put("hot-get", Workloads::hotGet);
    }

    private static final Map<String, AttributeValue> ONE = Map.of(":one", DataSet.n("1"));

    private Workloads() {}

    /** Whether the server does not know the operation at all (a feature not built yet). */
    static boolean isUnsupported(DynamoDbException e) {
        return e.awsErrorDetails() != null && "UnknownOperationException".equals(e.awsErrorDetails().errorCode());
    }

    private static void put(DynamoDbClient c, DataSet d, ThreadLocalRandom r) {
        c.putItem(b -> b.tableName(d.table).item(d.item(r.nextInt(d.items))));
    }

    private static void get(DynamoDbClient c, DataSet d, ThreadLocalRandom r) {
        c.getItem(b -> b.tableName(d.table).key(d.key(r.nextInt(d.items))));
    }

    /** Issue 6's cache workload: 90 % of the reads go to the first 1 % of the keys. */
    private static void hotGet(DynamoDbClient c, DataSet d, ThreadLocalRandom r) {
        int hot = Math.max(1, d.items / 100);
        int i = r.nextInt(10) < 9 ? r.nextInt(hot) : r.nextInt(d.items);
        c.getItem(b -> b.tableName(d.table).key(d.key(i)));
    }

    private static void query(DynamoDbClient c, DataSet d, ThreadLocalRandom r) {
        String pk = "p" + r.nextInt(d.partitions());
        c.query(b -> b.tableName(d.table).keyConditionExpression("pk = :pk")
                .expressionAttributeValues(Map.of(":pk", DataSet.s(pk))));
    }

    private static void update(DynamoDbClient c, DataSet d, ThreadLocalRandom r) {
        c.updateItem(b -> b.tableName(d.table).key(d.key(r.nextInt(d.items)))
                .updateExpression("ADD n :one").expressionAttributeValues(ONE));
    }

    private static void transactWrite(DynamoDbClient c, DataSet d, ThreadLocalRandom r) {
        int first = r.nextInt(d.items);
        int second = (first + d.items / 2 + 1) % d.items;
        c.transactWriteItems(b -> b.transactItems(transactPut(d, first), transactPut(d, second)));
    }

    private static TransactWriteItem transactPut(DataSet d, int i) {
        return TransactWriteItem.builder().put(Put.builder().tableName(d.table).item(d.item(i)).build()).build();
    }

    private static void batchWrite(DynamoDbClient c, DataSet d, ThreadLocalRandom r) {
        int start = r.nextInt(d.items);
        List<WriteRequest> writes = new ArrayList<>(25);
        for (int k = 0; k < 25; k++) {
            writes.add(WriteRequest.builder()
                    .putRequest(PutRequest.builder().item(d.item((start + k) % d.items)).build()).build());
        }
        c.batchWriteItem(b -> b.requestItems(Map.of(d.table, writes)));
    }

    private static void scan(DynamoDbClient c, DataSet d, ThreadLocalRandom r) {
        c.scan(b -> b.tableName(d.table).limit(100));
    }
}
