package io.dynarocks.bench.jmh;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.operation.ItemResponse;
import io.dynarocks.server.Dispatcher;
import io.dynarocks.storage.memory.MemoryStorage;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.rocksdb.RocksDbStorage;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;

/**
 * What a request costs the server beyond the transport, by the calling thread's CPU time and the bytes it
 * allocates, which a busy shared machine distorts far less than wall time: the load generator's GetItem,
 * PutItem, UpdateItem and Query of 10 items (10,000 items of 1 KB) and the bulk load's BatchWriteItem through the {@link Dispatcher} (request
 * decoding, the operation, response encoding), and the stored item codec alone.
 * {@code java -cp dynarocks-bench.jar io.dynarocks.bench.jmh.RequestCost [rocksdb|memory] [ops] [rounds]}.
 * The cases run interleaved, round after round; the lowest CPU figure of each counts.
 */
public final class RequestCost {

    private static final int ITEMS = 10_000;
    private static final int PER_PARTITION = 10;
    private static final String PAYLOAD = "x".repeat(1024 - 30);

    private RequestCost() {}

    public static void main(String[] args) throws Exception {
        boolean rocksdb = args.length == 0 || args[0].equals("rocksdb");
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Path dir = Files.createTempDirectory("request-cost");
        Storage storage = rocksdb ? RocksDbStorage.open(dir, false) : new MemoryStorage();
        try (Engine engine = new Engine(storage, Clock.systemUTC())) {
            Dispatcher dispatcher = new Dispatcher(new OperationRegistry(engine));
            dispatch(dispatcher, "CreateTable", "{\"TableName\":\"bench\",\"BillingMode\":\"PAY_PER_REQUEST\","
                    + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"},"
                    + "{\"AttributeName\":\"sk\",\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\","
                    + "\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}");
            for (int i = 0; i < ITEMS; i++) {
                dispatch(dispatcher, "PutItem", put(i));
            }
            Map<String, AttributeValue> item = ItemCodec.decode(ItemCodec.encode(Map.of(
                    "pk", AttributeValue.s("p1"), "sk", AttributeValue.s("s1"), "n", AttributeValue.n("0"),
                    "data", AttributeValue.s(PAYLOAD))));
            byte[] stored = ItemCodec.encode(item);
            ItemResponse response = new ItemResponse("Item", item, null);
            java.util.concurrent.atomic.AtomicLong fresh = new java.util.concurrent.atomic.AtomicLong();
            String[] names = {"GetItem", "PutItem", "UpdateItem", "Query (10 items)",
                "BatchWriteItem (25 new items of 200 B)", "ItemCodec.encode",
                "ItemCodec.decode", "GetItem response JSON"};
            IntFunction<?>[] cases = {
                i -> dispatch(dispatcher, "GetItem", "{\"TableName\":\"bench\",\"Key\":" + key(i) + "}"),
                i -> dispatch(dispatcher, "PutItem", put(i)),
                i -> dispatch(dispatcher, "UpdateItem", "{\"TableName\":\"bench\",\"Key\":" + key(i)
                        + ",\"UpdateExpression\":\"ADD n :one\",\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"}}}"),
                i -> dispatch(dispatcher, "Query", "{\"TableName\":\"bench\",\"KeyConditionExpression\":\"pk = :pk\","
                        + "\"ExpressionAttributeValues\":{\":pk\":{\"S\":\"p" + i / PER_PARTITION + "\"}}}"),
                i -> dispatch(dispatcher, "BatchWriteItem", batch(fresh.getAndAdd(25))),
                i -> ItemCodec.encode(item),
                i -> ItemCodec.decode(stored),
                i -> JsonWriter.object(response::write),
            };
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            long self = Thread.currentThread().getId();
            double[] cpu = new double[cases.length];
            double[] bytes = new double[cases.length];
            java.util.Arrays.fill(cpu, Double.MAX_VALUE);
            for (int round = 0; round <= rounds; round++) {
                for (int c = 0; c < cases.length; c++) {
                    // A batch writes 25 items: fewer of them keep the store's growth in line with the other cases.
                    int n = names[c].startsWith("BatchWriteItem") ? Math.max(1, ops / 25) : ops;
                    int[] keys = ThreadLocalRandom.current().ints(n, 0, ITEMS).toArray();
                    long allocated = threads.getThreadAllocatedBytes(self);
                    long start = threads.getCurrentThreadCpuTime();
                    for (int key : keys) {
                        cases[c].apply(key);
                    }
                    double nanosPerOp = (threads.getCurrentThreadCpuTime() - start) / (double) n;
                    double bytesPerOp = (threads.getThreadAllocatedBytes(self) - allocated) / (double) n;
                    if (round > 0) { // round 0 warms up
                        cpu[c] = Math.min(cpu[c], nanosPerOp);
                        bytes[c] = bytesPerOp;
                    }
                }
            }
            System.out.printf("%s, %d ops x %d rounds, load average %s%n", rocksdb ? "rocksdb" : "memory", ops, rounds,
                    Files.readString(Path.of("/proc/loadavg")).trim());
            for (int c = 0; c < cases.length; c++) {
                System.out.printf("%-24s %9.0f ns CPU/op %9.0f B allocated/op%n", names[c], cpu[c], bytes[c]);
            }
        } finally {
            BenchStore.delete(dir);
        }
    }

    private static String key(int i) {
        return "{\"pk\":{\"S\":\"p" + i / PER_PARTITION + "\"},\"sk\":{\"S\":\"s" + i % PER_PARTITION + "\"}}";
    }

    private static String put(int i) {
        String key = key(i);
        return "{\"TableName\":\"bench\",\"Item\":" + key.substring(0, key.length() - 1)
                + ",\"n\":{\"N\":\"0\"},\"data\":{\"S\":\"" + PAYLOAD + "\"}}}";
    }

    /** The bulk load's request: 25 puts of new 200-byte items. */
    private static String batch(long first) {
        StringBuilder body = new StringBuilder("{\"RequestItems\":{\"bench\":[");
        for (long k = first; k < first + 25; k++) {
            body.append(k == first ? "" : ",").append("{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"b").append(k)
                    .append("\"},\"sk\":{\"S\":\"s\"},\"n\":{\"N\":\"0\"},\"data\":{\"S\":\"")
                    .append(PAYLOAD, 0, 170).append("\"}}}}");
        }
        return body.append("]}}").toString();
    }

    private static Dispatcher.Reply dispatch(Dispatcher dispatcher, String action, String body) {
        Dispatcher.Reply reply = dispatcher.dispatch(OperationRegistry.DYNAMODB + "." + action,
                body.getBytes(StandardCharsets.UTF_8));
        if (reply.status() != 200) {
            throw new IllegalStateException(action + " failed: " + new String(reply.body(), StandardCharsets.UTF_8));
        }
        return reply;
    }
}
