package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.retries.api.AcquireInitialTokenRequest;
import software.amazon.awssdk.retries.api.RefreshRetryTokenRequest;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The command-line server past its in-flight request memory ({@code --inflight-memory}), seen through the
 * AWS SDK for Java v2: every write is answered DynamoDB's {@code 503 ServiceUnavailable}, which the SDK's
 * retry strategy deems retryable, none of it is applied (item, index, stream), and the server serves
 * normally once the memory is free again; with its default retries, the SDK gets through on its own.
 *
 * <p>A raw connection announcing a body as large as the whole budget, and sending only its first bytes,
 * holds the budget for as long as the test wants: that is what many slow uploads do to a server.
 */
class ServiceUnavailableIT {

    private static final long BUDGET = 1L << 20;
    private static final String TABLE = "busy";

    @TempDir
    Path dataDir;

    private Process server;
    private URI endpoint;
    private DynamoDbClient noRetries;

    @BeforeEach
    void start() throws IOException {
        server = ServerProcess.start(List.of("-Xmx256m", "-XX:+ExitOnOutOfMemoryError"), "--port", "0",
                "--data-dir", dataDir.toString(), "--inflight-memory", Long.toString(BUDGET),
                "--request-timeout", "10m");
        endpoint = ServerProcess.awaitEndpoint(server);
        noRetries = client(b -> b.overrideConfiguration(o -> o.retryStrategy(AwsRetryStrategy.doNotRetry())));
        noRetries.createTable(b -> b.tableName(TABLE).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"),
                        a -> a.attributeName("grp").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .globalSecondaryIndexes(g -> g.indexName("byGrp").keySchema(k -> k.attributeName("grp").keyType("HASH"))
                        .projection(p -> p.projectionType("ALL")))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_AND_OLD_IMAGES")));
        noRetries.putItem(b -> b.tableName(TABLE).item(item("existing", "before")));
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void writesBeyondTheInflightBudgetGetARetryable503ServiceUnavailableAndNoneIsApplied() throws Exception {
        List<DynamoDbException> refusals = new ArrayList<>();
        try (Hog hog = Hog.holding(endpoint, BUDGET)) {
            awaitRefused(hog);
            List<Runnable> requests = List.of(
                    () -> noRetries.putItem(b -> b.tableName(TABLE).item(item("put", "g"))),
                    () -> noRetries.updateItem(b -> b.tableName(TABLE).key(key("existing"))
                            .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", s("after")))),
                    () -> noRetries.deleteItem(b -> b.tableName(TABLE).key(key("existing"))),
                    () -> noRetries.batchWriteItem(b -> b.requestItems(Map.of(TABLE, List.of(
                            put("batch-1"), put("batch-2"), put("batch-3"))))),
                    () -> noRetries.transactWriteItems(b -> b.transactItems(
                            t -> t.put(p -> p.tableName(TABLE).item(item("tx-1", "g"))),
                            t -> t.put(p -> p.tableName(TABLE).item(item("tx-2", "g"))),
                            t -> t.update(u -> u.tableName(TABLE).key(key("existing"))
                                    .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", s("tx")))))),
                    () -> noRetries.getItem(b -> b.tableName(TABLE).key(key("existing")).consistentRead(true)));
            for (Runnable request : requests) {
                refusals.add(catchThrowableOfType(DynamoDbException.class, request::run));
            }
        }

        // The server frees the hog's budget when it sees the connection close, which may be after the next request.
        awaitServed();

        RetryStrategy sdkDefault = AwsRetryStrategy.defaultRetryStrategy();
        for (DynamoDbException e : refusals) {
            assertThat(e).as("refused while the budget is spent").isNotNull();
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("DynamoDB is currently unavailable. (This should be a temporary state.)");
            assertThat(e.awsErrorDetails().sdkHttpResponse().firstMatchingHeader("Retry-After")).hasValue("1");
            // The SDK's own strategy grants a retry (it throws TokenAcquisitionFailedException otherwise).
            assertThatCode(() -> sdkDefault.refreshRetryToken(RefreshRetryTokenRequest.builder()
                    .token(sdkDefault.acquireInitialToken(AcquireInitialTokenRequest.create("dynamodb")).token())
                    .failure(e).build())).as("retryable by the SDK's default strategy").doesNotThrowAnyException();
        }

        // The budget is free again: nothing of the refused writes is there, in the table, index or stream.
        assertThat(pks(noRetries.scan(b -> b.tableName(TABLE).consistentRead(true)).items())).containsExactly("existing");
        assertThat(noRetries.getItem(b -> b.tableName(TABLE).key(key("existing")).consistentRead(true)).item())
                .isEqualTo(item("existing", "before"));
        assertThat(noRetries.scan(b -> b.tableName(TABLE).indexName("byGrp")).items()).hasSize(1);
        assertThat(streamKeys()).containsExactly("existing");

        // And it serves as before.
        noRetries.putItem(b -> b.tableName(TABLE).item(item("put", "g")));
        noRetries.transactWriteItems(b -> b.transactItems(
                t -> t.put(p -> p.tableName(TABLE).item(item("tx-1", "g"))),
                t -> t.put(p -> p.tableName(TABLE).item(item("tx-2", "g")))));
        assertThat(pks(noRetries.scan(b -> b.tableName(TABLE).consistentRead(true)).items()))
                .containsExactlyInAnyOrder("existing", "put", "tx-1", "tx-2");
        assertThat(noRetries.scan(b -> b.tableName(TABLE).indexName("byGrp")).items()).hasSize(4);
        assertThat(streamKeys()).containsExactlyInAnyOrder("existing", "put", "tx-1", "tx-2");
    }

    @Test
    void theSdkWithItsDefaultRetriesGetsThroughOnceTheBudgetIsFree() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        AtomicInteger unavailable = new AtomicInteger();
        try (Hog hog = Hog.holding(endpoint, BUDGET)) {
            awaitRefused(hog);
            // The budget is freed when the server has answered the first attempt 503: the retry must get through.
            DynamoDbClient retrying = client(b -> b.overrideConfiguration(o -> o.addExecutionInterceptor(
                    new ExecutionInterceptor() {
                        @Override
                        public void afterTransmission(Context.AfterTransmission context,
                                ExecutionAttributes attributes) {
                            attempts.incrementAndGet();
                            if (context.httpResponse().statusCode() == 503) {
                                unavailable.incrementAndGet();
                                hog.close();
                            }
                        }
                    })));
            retrying.transactWriteItems(b -> b.transactItems(
                    t -> t.put(p -> p.tableName(TABLE).item(item("tx-1", "g"))),
                    t -> t.update(u -> u.tableName(TABLE).key(key("existing"))
                            .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", s("tx"))))));
        }
        // Usually one 503, then success; a retry sent before the server saw the hog go may be refused too.
        assertThat(unavailable.get()).as("attempts answered 503").isGreaterThanOrEqualTo(1);
        assertThat(attempts.get()).as("attempts: the refused ones and the one that succeeded")
                .isEqualTo(unavailable.get() + 1);
        assertThat(noRetries.getItem(b -> b.tableName(TABLE).key(key("existing")).consistentRead(true)).item())
                .containsEntry("v", s("tx"));
        assertThat(pks(noRetries.scan(b -> b.tableName(TABLE).consistentRead(true)).items()))
                .containsExactlyInAnyOrder("existing", "tx-1");
        assertThat(streamKeys()).containsExactlyInAnyOrder("existing", "existing", "tx-1");
    }

    @Test
    void concurrentLargeWritesFromSdkClientsWithDefaultRetriesAllSucceedAfter503s() throws Exception {
        // 16 clients at once, 300 KB each: ~5 MB against a 1 MB budget. Their first attempts meet a spent
        // budget; once 16 attempts have been refused it is freed, and they compete for it (3 fit at a time).
        int clients = 16;
        String payload = "x".repeat(300_000);
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        AtomicInteger unavailable = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        try (Hog hog = Hog.holding(endpoint, BUDGET)) {
            awaitRefused(hog);
            for (int c = 0; c < clients; c++) {
                String pk = "big-" + c;
                DynamoDbClient client = client(b -> b.overrideConfiguration(o -> o.addExecutionInterceptor(
                        new ExecutionInterceptor() {
                            @Override
                            public void afterTransmission(Context.AfterTransmission context,
                                    ExecutionAttributes attributes) {
                                if (context.httpResponse().statusCode() == 503
                                        && unavailable.incrementAndGet() == clients) {
                                    hog.close();
                                }
                            }
                        })));
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                        client.putItem(b -> b.tableName(TABLE).item(Map.of("pk", s(pk), "payload", s(payload))));
                    } catch (Exception e) {
                        failures.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(),
                                k -> new LongAdder()).increment();
                    }
                }, "large-writer-" + c);
                t.setDaemon(true);
                t.start();
                threads.add(t);
            }
            go.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.MINUTES.toMillis(5));
            }
        }
        System.out.printf("service unavailable: %d clients x PutItem of 300 KB against a 1 MB budget: "
                + "%d attempts answered 503, %s failed%n", clients, unavailable.get(), failures);

        assertThat(failures).as("writes that failed despite the SDK's retries").isEmpty();
        assertThat(unavailable.get()).as("attempts answered 503").isGreaterThanOrEqualTo(clients);
        // 4.8 MB of items: several pages of Scan.
        List<Map<String, AttributeValue>> items = noRetries.scanPaginator(b -> b.tableName(TABLE).consistentRead(true))
                .items().stream().toList();
        assertThat(items).hasSize(clients + 1);
        for (Map<String, AttributeValue> item : items) {
            if (!item.get("pk").s().equals("existing")) {
                assertThat(item.get("payload").s()).hasSize(payload.length());
            }
        }
        assertThat(server.isAlive()).isTrue();
    }

    /** Waits until the server refuses requests for want of budget (the hog's headers have been read). */
    private void awaitRefused(Hog hog) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plusSeconds(60);
        for (int attempt = 1; ; attempt++) {
            if (attempt % 20 == 0) {
                // The hog's headers met a budget not yet released by an answer just sent (the server frees a
                // request's bytes once its response is written), so its body is being shed and holds nothing.
                hog.reopen();
            }
            try {
                noRetries.describeTable(b -> b.tableName(TABLE));
            } catch (DynamoDbException e) {
                if (e.statusCode() == 503) {
                    return;
                }
                throw e;
            }
            assertThat(Instant.now()).as("the server refuses once the budget is held").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /** Waits until the server serves requests again (it has released the budget of a closed hog). */
    private void awaitServed() throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(60);
        while (true) {
            try {
                noRetries.describeTable(b -> b.tableName(TABLE));
                return;
            } catch (DynamoDbException e) {
                if (e.statusCode() != 503) {
                    throw e;
                }
            }
            assertThat(Instant.now()).as("the server serves again once the hog is gone").isBefore(deadline);
            Thread.sleep(50);
        }
    }

    /** The stream's records' keys, in order, over every shard. */
    private List<String> streamKeys() {
        DynamoDbStreamsClient streams = StreamClients.client(endpoint);
        String arn = noRetries.describeTable(b -> b.tableName(TABLE)).table().latestStreamArn();
        List<String> keys = new ArrayList<>();
        for (var shard : StreamClients.shards(streams, arn)) {
            String iterator = streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String at = iterator;
                var page = streams.getRecords(b -> b.shardIterator(at));
                page.records().forEach(r -> keys.add(r.dynamodb().keys().get("pk").s()));
                if (page.records().isEmpty()) {
                    break;
                }
                iterator = page.nextShardIterator();
            }
        }
        return keys;
    }

    private DynamoDbClient client(Consumer<DynamoDbClientBuilder> configure) {
        DynamoDbClientBuilder builder = SdkClients.builder(endpoint);
        configure.accept(builder);
        return builder.build();
    }

    private static List<String> pks(List<Map<String, AttributeValue>> items) {
        return items.stream().map(i -> i.get("pk").s()).toList();
    }

    private static Map<String, AttributeValue> item(String pk, String v) {
        return Map.of("pk", s(pk), "grp", s("g"), "v", s(v));
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk));
    }

    private static software.amazon.awssdk.services.dynamodb.model.WriteRequest put(String pk) {
        return software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                .putRequest(p -> p.item(item(pk, "g"))).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    /** A connection that announces a request body of {@code bytes} and sends only its first byte. */
    private static final class Hog implements AutoCloseable {
        private final URI endpoint;
        private final long bytes;
        private Socket socket;

        private Hog(URI endpoint, long bytes) throws IOException {
            this.endpoint = endpoint;
            this.bytes = bytes;
            this.socket = connect();
        }

        static Hog holding(URI endpoint, long bytes) throws IOException {
            return new Hog(endpoint, bytes);
        }

        /** Starts over on a new connection, for when the first one's announcement was refused. */
        void reopen() throws IOException {
            close();
            socket = connect();
        }

        private Socket connect() throws IOException {
            Socket s = new Socket(endpoint.getHost(), endpoint.getPort());
            OutputStream out = s.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: " + endpoint.getHost() + ":" + endpoint.getPort()
                    + "\r\nX-Amz-Target: DynamoDB_20120810.PutItem\r\nContent-Type: application/x-amz-json-1.0"
                    + "\r\nContent-Length: " + bytes + "\r\n\r\n{").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return s;
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
