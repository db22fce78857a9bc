package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExpiredIteratorException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardFilterType;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamStatus;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TrimmedDataAccessException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** DynamoDB Streams through DynamoDbStreamsClient: records, view types, iterators, rollover, retention. */
class StreamsIT {

    static final Duration PERIOD = Duration.ofHours(1);

    static MutableClock clock;
    static StreamServer server;
    static DynamoDbClient db;
    static DynamoDbStreamsClient streams;

    static TestStorage storage;

    @RegisterExtension
    static final BeforeAllCallback STORAGE = context -> storage = TestStorage.of(context);

    @BeforeAll
    static void start() {
        clock = new MutableClock();
        server = new StreamServer(storage.builder().port(0).clock(clock).shardRolloverPeriod(PERIOD));
        db = server.db();
        streams = server.streams();
    }

    @AfterAll
    static void stop() {
        server.close();
        storage.close();
    }

    static String streamTable(String name, StreamViewType view) {
        return server.streamTable(name, view);
    }

    static void put(String table, String pk, int v) {
        db.putItem(b -> b.tableName(table).item(Map.of("pk", s(pk), "v", n(v))));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static AttributeValue n(int v) {
        return AttributeValue.fromN(Integer.toString(v));
    }

    /** The shard holding an item's records: all changes to one item go to one shard. */
    static Shard shardWithRecords(String arn) {
        return StreamClients.shards(streams, arn).stream()
                .filter(s -> !StreamClients.drain(streams, iterator(arn, s, ShardIteratorType.TRIM_HORIZON, null))
                        .isEmpty())
                .findFirst().orElseThrow();
    }

    static String iterator(String arn, Shard shard, ShardIteratorType type, String seq) {
        return streams.getShardIterator(b -> b.streamArn(arn).shardId(shard.shardId()).shardIteratorType(type)
                .sequenceNumber(seq)).shardIterator();
    }

    @ParameterizedTest
    @EnumSource(value = StreamViewType.class, names = {"KEYS_ONLY", "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES"})
    void recordsCarryTheImagesTheViewTypeAsks(StreamViewType view) {
        String table = "view-" + view;
        String arn = streamTable(table, view);
        put(table, "a", 1);
        put(table, "a", 2);
        db.deleteItem(b -> b.tableName(table).key(Map.of("pk", s("a"))));

        List<Record> records = StreamClients.all(streams, arn);

        assertThat(records).extracting(r -> r.eventNameAsString()).containsExactly("INSERT", "MODIFY", "REMOVE");
        boolean newImages = view == StreamViewType.NEW_IMAGE || view == StreamViewType.NEW_AND_OLD_IMAGES;
        boolean oldImages = view == StreamViewType.OLD_IMAGE || view == StreamViewType.NEW_AND_OLD_IMAGES;
        Map<String, AttributeValue> v1 = Map.of("pk", s("a"), "v", n(1));
        Map<String, AttributeValue> v2 = Map.of("pk", s("a"), "v", n(2));
        for (int i = 0; i < 3; i++) {
            Record r = records.get(i);
            assertThat(r.eventSource()).isEqualTo("aws:dynamodb");
            assertThat(r.eventVersion()).isEqualTo("1.1");
            assertThat(r.awsRegion()).isEqualTo("us-east-1");
            assertThat(r.eventID()).isNotBlank();
            assertThat(r.userIdentity()).isNull();
            assertThat(r.dynamodb().keys()).isEqualTo(Map.of("pk", s("a")));
            assertThat(r.dynamodb().streamViewType()).isEqualTo(view);
            assertThat(r.dynamodb().sizeBytes()).isPositive();
            assertThat(r.dynamodb().approximateCreationDateTime().getEpochSecond())
                    .isEqualTo(clock.instant().getEpochSecond());
            assertThat(r.dynamodb().hasNewImage()).isEqualTo(newImages && i < 2);
            assertThat(r.dynamodb().hasOldImage()).isEqualTo(oldImages && i > 0);
        }
        if (newImages) {
            assertThat(records.get(0).dynamodb().newImage()).isEqualTo(v1);
            assertThat(records.get(1).dynamodb().newImage()).isEqualTo(v2);
        }
        if (oldImages) {
            assertThat(records.get(1).dynamodb().oldImage()).isEqualTo(v1);
            assertThat(records.get(2).dynamodb().oldImage()).isEqualTo(v2);
        }
        assertThat(records).extracting(r -> r.dynamodb().sequenceNumber()).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void createTableWithStreamReportsItInDescribeTableListStreamsAndDescribeStream() {
        var created = db.createTable(b -> b.tableName("created-with-stream")
                .billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                .tableDescription();
        var table = db.describeTable(b -> b.tableName("created-with-stream")).table();
        assertThat(table.streamSpecification().streamEnabled()).isTrue();
        assertThat(table.latestStreamArn()).isEqualTo(created.latestStreamArn())
                .isEqualTo(table.tableArn() + "/stream/" + table.latestStreamLabel());

        assertThat(streams.listStreams(b -> b.tableName("created-with-stream")).streams())
                .singleElement().satisfies(s -> {
                    assertThat(s.streamArn()).isEqualTo(table.latestStreamArn());
                    assertThat(s.streamLabel()).isEqualTo(table.latestStreamLabel());
                });
        var description = streams.describeStream(b -> b.streamArn(table.latestStreamArn())).streamDescription();
        assertThat(description.streamStatus()).isEqualTo(StreamStatus.ENABLED);
        assertThat(description.streamViewType()).isEqualTo(StreamViewType.NEW_IMAGE);
        assertThat(description.tableName()).isEqualTo("created-with-stream");
        assertThat(description.keySchema()).singleElement().satisfies(k -> assertThat(k.attributeName()).isEqualTo("pk"));
        assertThat(description.shards()).isNotEmpty().allSatisfy(s -> {
            assertThat(s.parentShardId()).isNull();
            assertThat(s.sequenceNumberRange().startingSequenceNumber()).hasSize(21);
            assertThat(s.sequenceNumberRange().endingSequenceNumber()).isNull();
        });
    }

    @Test
    void writesThatChangeNothingProduceNoRecord() {
        String arn = streamTable("no-op-writes", StreamViewType.NEW_AND_OLD_IMAGES);
        put("no-op-writes", "a", 1);
        put("no-op-writes", "a", 1);
        db.updateItem(b -> b.tableName("no-op-writes").key(Map.of("pk", s("a")))
                .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", n(1))));
        db.deleteItem(b -> b.tableName("no-op-writes").key(Map.of("pk", s("missing"))));

        assertThat(StreamClients.all(streams, arn)).extracting(Record::eventNameAsString).containsExactly("INSERT");
    }

    @Test
    void disablingKeepsTheOldStreamReadableAndEnablingAgainCreatesANewStream() {
        String table = "re-enabled";
        Tables.hashTable(db, table);
        put(table, "before", 1);
        String first = db.updateTable(b -> b.tableName(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("KEYS_ONLY")))
                .tableDescription().latestStreamArn();
        put(table, "during-first", 1);
        assertThatThrownBy(() -> db.updateTable(b -> b.tableName(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("KEYS_ONLY"))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("Table already has an enabled stream: TableName: re-enabled");
        db.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false)));
        assertThatThrownBy(() -> db.updateTable(b -> b.tableName(table).streamSpecification(s -> s.streamEnabled(false))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("Table has no stream to disable: TableName: re-enabled");
        put(table, "between", 1);
        clock.advance(Duration.ofMillis(5));
        String second = db.updateTable(b -> b.tableName(table)
                .streamSpecification(s -> s.streamEnabled(true).streamViewType("NEW_IMAGE")))
                .tableDescription().latestStreamArn();
        put(table, "during-second", 1);

        assertThat(second).isNotEqualTo(first);
        assertThat(StreamClients.all(streams, first)).extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("during-first");
        assertThat(StreamClients.all(streams, second)).extracting(r -> r.dynamodb().keys().get("pk").s())
                .containsExactly("during-second");
        var old = streams.describeStream(b -> b.streamArn(first)).streamDescription();
        assertThat(old.streamStatus()).isEqualTo(StreamStatus.DISABLED);
        assertThat(old.shards()).allSatisfy(s -> assertThat(s.sequenceNumberRange().endingSequenceNumber()).isNotNull());
        assertThat(streams.listStreams(b -> b.tableName(table)).streams()).extracting(s -> s.streamArn())
                .containsExactlyInAnyOrder(first, second);
    }

    @Test
    void everyIteratorTypeStartsWhereDynamoDbDoes() {
        String table = "iterators";
        String arn = streamTable(table, StreamViewType.NEW_IMAGE);
        for (int v = 0; v < 5; v++) {
            put(table, "k", v);
        }
        Shard shard = shardWithRecords(arn);
        List<Record> records = StreamClients.drain(streams, iterator(arn, shard, ShardIteratorType.TRIM_HORIZON, null));
        assertThat(records).hasSize(5);
        String third = records.get(2).dynamodb().sequenceNumber();

        assertThat(StreamClients.drain(streams, iterator(arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, third)))
                .extracting(r -> r.dynamodb().newImage().get("v").n()).containsExactly("2", "3", "4");
        assertThat(StreamClients.drain(streams, iterator(arn, shard, ShardIteratorType.AFTER_SEQUENCE_NUMBER, third)))
                .extracting(r -> r.dynamodb().newImage().get("v").n()).containsExactly("3", "4");
        String latest = iterator(arn, shard, ShardIteratorType.LATEST, null);
        var empty = streams.getRecords(b -> b.shardIterator(latest));
        assertThat(empty.records()).isEmpty();
        put(table, "k", 5);
        assertThat(StreamClients.drain(streams, empty.nextShardIterator()))
                .extracting(r -> r.dynamodb().newImage().get("v").n()).containsExactly("5");
        var limited = streams.getRecords(b -> b.shardIterator(iterator(arn, shard, ShardIteratorType.TRIM_HORIZON,
                null)).limit(2));
        assertThat(limited.records()).hasSize(2);
        assertThat(StreamClients.drain(streams, limited.nextShardIterator())).hasSize(4);
    }

    @Test
    void shardsRollOverIntoChildrenThatNameTheirParent() {
        String table = "rollover";
        String arn = streamTable(table, StreamViewType.NEW_IMAGE);
        put(table, "k", 1);
        Shard parent = shardWithRecords(arn);
        clock.advance(PERIOD);
        put(table, "k", 2);

        List<Shard> shards = StreamClients.shards(streams, arn);
        List<Shard> closed = shards.stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() != null).toList();
        List<Shard> open = shards.stream().filter(s -> s.sequenceNumberRange().endingSequenceNumber() == null).toList();
        assertThat(closed).hasSameSizeAs(open).extracting(Shard::shardId).contains(parent.shardId());
        assertThat(open).extracting(Shard::parentShardId)
                .containsExactlyInAnyOrderElementsOf(closed.stream().map(Shard::shardId).toList());
        var children = streams.describeStream(b -> b.streamArn(arn)
                .shardFilter(f -> f.type(ShardFilterType.CHILD_SHARDS).shardId(parent.shardId())))
                .streamDescription().shards();
        assertThat(children).singleElement().satisfies(c -> assertThat(c.parentShardId()).isEqualTo(parent.shardId()));

        var parentPage = streams.getRecords(b -> b.shardIterator(iterator(arn, parent, ShardIteratorType.TRIM_HORIZON,
                null)));
        assertThat(parentPage.records()).extracting(r -> r.dynamodb().newImage().get("v").n()).containsExactly("1");
        assertThat(parentPage.nextShardIterator()).isNull();
        assertThat(StreamClients.drain(streams, iterator(arn, children.get(0), ShardIteratorType.TRIM_HORIZON, null)))
                .extracting(r -> r.dynamodb().newImage().get("v").n()).containsExactly("2");
        assertThat(parent.sequenceNumberRange().endingSequenceNumber()).isNull();
        assertThat(closed.stream().filter(s -> s.shardId().equals(parent.shardId())).findFirst().orElseThrow()
                .sequenceNumberRange().endingSequenceNumber())
                .isLessThan(children.get(0).sequenceNumberRange().startingSequenceNumber());
    }

    @Test
    void recordsOlderThan24HoursAreTrimmedAndTheirShardsDisappear() {
        String table = "trimmed";
        String arn = streamTable(table, StreamViewType.KEYS_ONLY);
        put(table, "k", 1);
        Shard shard = shardWithRecords(arn);
        String seq = StreamClients.drain(streams, iterator(arn, shard, ShardIteratorType.TRIM_HORIZON, null))
                .get(0).dynamodb().sequenceNumber();
        clock.advance(Duration.ofHours(24).plusMinutes(1));

        assertThatThrownBy(() -> iterator(arn, shard, ShardIteratorType.AT_SEQUENCE_NUMBER, seq))
                .isInstanceOf(TrimmedDataAccessException.class);
        var page = streams.getRecords(b -> b.shardIterator(iterator(arn, shard, ShardIteratorType.TRIM_HORIZON, null)));
        assertThat(page.records()).isEmpty();
        assertThat(page.nextShardIterator()).isNull();

        clock.advance(PERIOD);
        assertThat(StreamClients.shards(streams, arn)).extracting(Shard::shardId).doesNotContain(shard.shardId());
        assertThatThrownBy(() -> iterator(arn, shard, ShardIteratorType.TRIM_HORIZON, null))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void shardIteratorsExpireAfter15Minutes() {
        String arn = streamTable("expiring", StreamViewType.KEYS_ONLY);
        Shard shard = StreamClients.shards(streams, arn).get(0);
        String it = iterator(arn, shard, ShardIteratorType.TRIM_HORIZON, null);
        clock.advance(Duration.ofMinutes(14));
        String next = streams.getRecords(b -> b.shardIterator(it)).nextShardIterator();
        clock.advance(Duration.ofMinutes(2));
        assertThat(streams.getRecords(b -> b.shardIterator(next)).records()).isEmpty();
        assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator(it)))
                .isInstanceOf(ExpiredIteratorException.class);
    }

    @Test
    void unknownStreamsAndBadIteratorsAreRejected() {
        String missing = "arn:aws:dynamodb:us-east-1:000000000000:table/none/stream/2020-01-01T00:00:00.000";
        assertThatThrownBy(() -> streams.describeStream(b -> b.streamArn(missing)))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found: Stream: " + missing + " not found");
        assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator("not-an-iterator")))
                .isInstanceOf(DynamoDbException.class).hasMessageStartingWith("Invalid ShardIterator");
        assertThatThrownBy(() -> streams.getRecords(b -> b.shardIterator("x").limit(1001)))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("Member must have value less than or equal to 1000");
        assertThat(Objects.requireNonNull(streams.listStreams(b -> b.limit(1)).lastEvaluatedStreamArn())).isNotBlank();
    }
}
