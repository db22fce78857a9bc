package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.dynarocks.server.DynaRocks;
import io.dynarocks.streams.StreamWebhook;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Stream webhooks: each batch POSTed as Lambda's DynamoDB event JSON, failed answers retried. */
class StreamWebhookIT {

    static HttpServer receiver;
    static final List<JsonNode> accepted = new ArrayList<>();
    static final AtomicInteger requests = new AtomicInteger();
    static final AtomicInteger rejected = new AtomicInteger();
    static DynaRocks server;
    static DynamoDbClient db;
    static DynamoDbStreamsClient streams;

    @BeforeAll
    static void start() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/events", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            boolean json = "application/json".equals(exchange.getRequestHeaders().getFirst("Content-Type"));
            // Every second request fails once: the retry must bring the same batch again.
            int status = json && requests.incrementAndGet() % 2 == 0 ? 500 : json ? 200 : 415;
            if (status == 200) {
                synchronized (accepted) {
                    accepted.add(JsonNode.parser().parse(body));
                }
            } else {
                rejected.incrementAndGet();
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/events");
        // The tables do not exist yet: a webhook waits for its table's stream.
        server = DynaRocks.builder().inMemory().port(0)
                .streamWebhook(new StreamWebhook("hooked", url, StreamWebhook.DEFAULT_OPTIONS.withBatchSize(3)
                        .withRetryDelay(Duration.ofMillis(10))))
                .start();
        db = ServerExtension.client(server.endpoint());
        streams = StreamClients.client(server.endpoint());
    }

    @AfterAll
    static void stop() {
        streams.close();
        db.close();
        server.close();
        receiver.stop(0);
    }

    static List<JsonNode> acceptedRecords() {
        List<JsonNode> out = new ArrayList<>();
        synchronized (accepted) {
            accepted.forEach(event -> out.addAll(event.field("Records").orElseThrow().asArray()));
        }
        return out;
    }

    static String text(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n.field(p).orElseThrow(() -> new AssertionError("no " + p + " in " + node));
        }
        return n.text();
    }

    static String enableStream(String table) {
        return db.updateTable(b -> b.tableName(table).streamSpecification(
                s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                .tableDescription().latestStreamArn();
    }

    @Test
    void everyRecordIsPostedOnceAsALambdaEventDespiteFailedAttemptsAndAcrossAReenabledStream() {
        Tables.hashTable(db, "hooked");
        String first = enableStream("hooked");
        for (int i = 0; i < 10; i++) {
            int v = i;
            db.putItem(b -> b.tableName("hooked").item(Map.of("pk", AttributeValue.fromS("k" + v % 4),
                    "v", AttributeValue.fromN(Integer.toString(v)))));
        }
        db.updateTable(b -> b.tableName("hooked").streamSpecification(s -> s.streamEnabled(false)));
        String second = enableStream("hooked");
        db.deleteItem(b -> b.tableName("hooked").key(Map.of("pk", AttributeValue.fromS("k0"))));
        List<Record> written = new ArrayList<>(StreamClients.all(streams, first));
        written.addAll(StreamClients.all(streams, second));
        assertThat(written).hasSize(11);

        await().atMost(Duration.ofSeconds(20)).until(() -> acceptedRecords().size() >= written.size());

        List<JsonNode> posted = acceptedRecords();
        assertThat(rejected.get()).isPositive();
        assertThat(posted).extracting(r -> text(r, "eventID"))
                .containsExactlyInAnyOrderElementsOf(written.stream().map(Record::eventID).toList());
        Map<String, Record> byId = new HashMap<>();
        written.forEach(r -> byId.put(r.eventID(), r));
        Map<String, List<String>> perKey = new HashMap<>();
        for (JsonNode r : posted) {
            Record expected = byId.get(text(r, "eventID"));
            String arn = expected.eventNameAsString().equals("REMOVE") ? second : first;
            assertThat(text(r, "eventSourceARN")).isEqualTo(arn);
            assertThat(text(r, "eventName")).isEqualTo(expected.eventNameAsString());
            assertThat(text(r, "eventSource")).isEqualTo("aws:dynamodb");
            assertThat(text(r, "eventVersion")).isEqualTo("1.1");
            assertThat(text(r, "awsRegion")).isEqualTo("us-east-1");
            assertThat(text(r, "dynamodb", "Keys", "pk", "S")).isEqualTo(expected.dynamodb().keys().get("pk").s());
            assertThat(text(r, "dynamodb", "SequenceNumber")).isEqualTo(expected.dynamodb().sequenceNumber());
            assertThat(text(r, "dynamodb", "StreamViewType")).isEqualTo("NEW_IMAGE");
            if (expected.dynamodb().hasNewImage()) {
                assertThat(text(r, "dynamodb", "NewImage", "v", "N"))
                        .isEqualTo(expected.dynamodb().newImage().get("v").n());
            }
            perKey.computeIfAbsent(text(r, "eventSourceARN") + text(r, "dynamodb", "Keys", "pk", "S"),
                    k -> new ArrayList<>()).add(text(r, "dynamodb", "SequenceNumber"));
        }
        perKey.values().forEach(seqs -> assertThat(seqs).isSorted());
    }
}
