package io.dynarocks.bench.load;

import io.dynarocks.client.InProcessClients;
import io.dynarocks.server.DynaRocks;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import software.amazon.awssdk.core.retry.backoff.FixedDelayBackoffStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.waiters.DynamoDbWaiter;

/**
 * A test suite's workload: one table's life cycle, as a test class sets up and tears down its table.
 * CreateTable with a global secondary index and wait until ACTIVE, 20 PutItems, one Query on the index,
 * DeleteTable and wait until it is gone. The SDK waiters poll every 10 ms (what a suite tuned for a
 * local server sets; their default is 20 s). Prints one JSON line: ms per cycle (mean, p50, p99).
 *
 * <pre>
 * java -cp dynarocks-bench.jar io.dynarocks.bench.load.LifecycleBenchmark --endpoint http://127.0.0.1:8000 --label dynalite
 * java -cp dynarocks-bench.jar io.dynarocks.bench.load.LifecycleBenchmark --embedded in-process|http
 *     [--cycles 200] [--warmup-cycles 50]
 * </pre>
 */
public final class LifecycleBenchmark {

    private LifecycleBenchmark() {}

    public static void main(String[] args) throws Exception {
        Map<String, String> opts = LoadGenerator.options(args);
        int cycles = Integer.parseInt(opts.getOrDefault("cycles", "200"));
        int warmup = Integer.parseInt(opts.getOrDefault("warmup-cycles", "50"));
        String embedded = opts.get("embedded");
        if (embedded != null) {
            try (DynaRocks server = DynaRocks.builder().inMemory().port(0).start();
                    DynamoDbClient client = embedded.equals("in-process") ? InProcessClients.client(server)
                            : LoadGenerator.client(server.endpoint(), 1)) {
                System.out.println(measure(client, "embedded-" + embedded, cycles, warmup));
            }
        } else {
            URI endpoint = URI.create(opts.getOrDefault("endpoint", "http://127.0.0.1:8000"));
            try (DynamoDbClient client = LoadGenerator.client(endpoint, 1)) {
                System.out.println(measure(client, opts.getOrDefault("label", endpoint.toString()), cycles, warmup));
            }
        }
    }

    static String measure(DynamoDbClient client, String label, int cycles, int warmup) {
        try (DynamoDbWaiter waiter = DynamoDbWaiter.builder().client(client)
                .overrideConfiguration(o -> o.backoffStrategy(FixedDelayBackoffStrategy.create(Duration.ofMillis(10)))
                        .maxAttempts(3000))
                .build()) {
            for (int i = 0; i < warmup; i++) {
                cycle(client, waiter, "warm" + i);
            }
            long[] nanos = new long[cycles];
            for (int i = 0; i < cycles; i++) {
                long start = System.nanoTime();
                cycle(client, waiter, "life" + i);
                nanos[i] = System.nanoTime() - start;
            }
            Arrays.sort(nanos);
            double mean = Arrays.stream(nanos).average().orElse(0) / 1e6;
            return String.format(Locale.ROOT, "{\"label\":\"%s\",\"probe\":\"lifecycle\",\"cycles\":%d,"
                    + "\"msPerCycle\":%.2f,\"p50Ms\":%.2f,\"p99Ms\":%.2f}", label, cycles, mean,
                    nanos[cycles / 2] / 1e6, nanos[(int) Math.min(cycles - 1, Math.ceil(cycles * 0.99) - 1)] / 1e6);
        }
    }

    private static void cycle(DynamoDbClient client, DynamoDbWaiter waiter, String table) {
        client.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk"), def("sk"), def("g"))
                .keySchema(key("pk", KeyType.HASH), key("sk", KeyType.RANGE))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(key("g", KeyType.HASH), key("sk", KeyType.RANGE))
                        .projection(p -> p.projectionType(ProjectionType.ALL)).build()));
        waiter.waitUntilTableExists(b -> b.tableName(table));
        for (int i = 0; i < 20; i++) {
            String sk = "s" + i;
            client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS("p" + (sk.length() % 3)),
                    "sk", AttributeValue.fromS(sk), "g", AttributeValue.fromS("g" + (sk.hashCode() & 1)),
                    "v", AttributeValue.fromS("value of " + sk))));
        }
        int found = client.query(b -> b.tableName(table).indexName("byG").keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("g0")))).count();
        if (found == 0) {
            throw new IllegalStateException("the index query found nothing");
        }
        client.deleteTable(b -> b.tableName(table));
        waiter.waitUntilTableNotExists(b -> b.tableName(table));
    }

    private static AttributeDefinition def(String name) {
        return AttributeDefinition.builder().attributeName(name).attributeType(ScalarAttributeType.S).build();
    }

    private static KeySchemaElement key(String name, KeyType type) {
        return KeySchemaElement.builder().attributeName(name).keyType(type).build();
    }
}
