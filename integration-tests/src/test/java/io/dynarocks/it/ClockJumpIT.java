package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynarocks.server.DynaRocks;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/**
 * The server's clock jumping forward and back (an NTP step, a VM resumed): TTL deletes exactly what is
 * due by the clock as it is; stream records keep increasing sequence numbers and never-decreasing
 * creation times, so a record written after the clock went back is neither reported trimmed before
 * the records ahead of it nor kept past them, after a restart too.
 */
class ClockJumpIT {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(START);

    private StreamServer start() {
        return new StreamServer(DynaRocks.builder().dataDir(dir.resolve("data")).port(0).clock(clock)
                .ttlInterval(Duration.ofMillis(50)));
    }

    @Test
    void ttlDeletesWhatIsDueByTheClockAsItJumpsForwardAndBack() {
        try (StreamServer server = start()) {
            DynamoDbClient db = server.db();
            Tables.hashTable(db, "ClockTtl");
            db.updateTimeToLive(b -> b.tableName("ClockTtl").timeToLiveSpecification(t -> t.attributeName("ttl").enabled(true)));
            put(db, "ClockTtl", "in1h", START.plus(Duration.ofHours(1)));
            put(db, "ClockTtl", "in3h", START.plus(Duration.ofHours(3)));

            clock.advance(Duration.ofHours(2));
            await().atMost(Duration.ofSeconds(30)).until(() -> !exists(db, "ClockTtl", "in1h"));
            assertThat(exists(db, "ClockTtl", "in3h")).isTrue();

            clock.advance(Duration.ofHours(-2));
            put(db, "ClockTtl", "in30m", START.plus(Duration.ofMinutes(30)));
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(30))
                    .until(() -> exists(db, "ClockTtl", "in3h") && exists(db, "ClockTtl", "in30m"));

            clock.advance(Duration.ofHours(4));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !exists(db, "ClockTtl", "in3h") && !exists(db, "ClockTtl", "in30m"));
            assertThat(server.embedded().timeToLive().sweeper().deletedCount("ClockTtl")).isEqualTo(3);
        }
    }

    @Test
    void streamRecordsWrittenAfterTheClockWentBackStayReadableInOrder() {
        String arn;
        try (StreamServer server = start()) {
            arn = server.streamTable("ClockStream", StreamViewType.NEW_IMAGE);
            clock.advance(Duration.ofHours(10));
            put(server.db(), "ClockStream", "ahead", null);
        }
        clock.set(START); // the clock went back while the server was down
        try (StreamServer server = start()) {
            DynamoDbClient db = server.db();
            put(db, "ClockStream", "afterRestart", null);
            clock.advance(Duration.ofHours(5));
            put(db, "ClockStream", "later", null);

            clock.set(START.plus(Duration.ofHours(25))); // a day after the wall-clock time of the last two
            List<Record> records = new ArrayList<>(StreamClients.all(server.streams(), arn));
            records.sort(Comparator.comparing(r -> new BigInteger(r.dynamodb().sequenceNumber())));
            assertThat(records).extracting(r -> r.dynamodb().keys().get("pk").s())
                    .containsExactly("ahead", "afterRestart", "later");
            for (int i = 1; i < records.size(); i++) {
                assertThat(new BigInteger(records.get(i).dynamodb().sequenceNumber()))
                        .isGreaterThan(new BigInteger(records.get(i - 1).dynamodb().sequenceNumber()));
                assertThat(records.get(i).dynamodb().approximateCreationDateTime())
                        .isAfterOrEqualTo(records.get(i - 1).dynamodb().approximateCreationDateTime());
            }

            clock.set(START.plus(Duration.ofHours(35))); // a day after all three
            put(db, "ClockStream", "new", null);
            assertThat(StreamClients.all(server.streams(), arn)).extracting(r -> r.dynamodb().keys().get("pk").s())
                    .containsExactly("new");
        }
    }

    private static void put(DynamoDbClient db, String table, String pk, Instant expiry) {
        Map<String, AttributeValue> item = expiry == null
                ? Map.of("pk", AttributeValue.fromS(pk))
                : Map.of("pk", AttributeValue.fromS(pk), "ttl", AttributeValue.fromN(Long.toString(expiry.getEpochSecond())));
        db.putItem(b -> b.tableName(table).item(item));
    }

    private static boolean exists(DynamoDbClient db, String table, String pk) {
        return db.getItem(b -> b.tableName(table).key(Map.of("pk", AttributeValue.fromS(pk))).consistentRead(true))
                .hasItem();
    }
}
