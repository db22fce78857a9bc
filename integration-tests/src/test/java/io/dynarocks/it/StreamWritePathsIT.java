package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.dynarocks.server.DynaRocks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Shard;
import software.amazon.awssdk.services.dynamodb.model.ShardIteratorType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/** Stream records from transactions and from TTL deletions. */
class StreamWritePathsIT {

    static MutableClock clock;
    static DynaRocks server;
    static DynamoDbClient db;
    static DynamoDbStreamsClient streams;

    @BeforeAll
    static void start() {
        clock = new MutableClock();
        server = DynaRocks.builder().inMemory().port(0).ttlInterval(Duration.ofMillis(100)).clock(clock).start();
        db = ServerExtension.client(server.endpoint());
        streams = StreamClients.client(server.endpoint());
    }

    @AfterAll
    static void stop() {
        streams.close();
        db.close();
        server.close();
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk));
    }

    static String streamTable(String name) {
        Tables.hashTable(db, name);
        return db.updateTable(b -> b.tableName(name).streamSpecification(
                x -> x.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES)))
                .tableDescription().latestStreamArn();
    }

    static TransactWriteItem put(String table, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
    }

    @Test
    void aTransactionWritesOneRecordPerChangedItemAndNoneWhenCancelled() {
        String table = "tx-stream";
        String arn = streamTable(table);
        db.putItem(b -> b.tableName(table).item(Map.of("pk", s("modified"), "v", s("old"))));
        db.putItem(b -> b.tableName(table).item(key("deleted")));
        db.putItem(b -> b.tableName(table).item(Map.of("pk", s("same"), "v", s("x"))));
        db.putItem(b -> b.tableName(table).item(key("checked")));
        Set<String> before = new HashSet<>();
        StreamClients.all(streams, arn).forEach(r -> before.add(r.eventID()));

        db.transactWriteItems(b -> b.transactItems(
                put(table, Map.of("pk", s("inserted"), "v", s("new"))),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key("modified"))
                        .updateExpression("SET v = :v").expressionAttributeValues(Map.of(":v", s("new")))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(key("deleted"))).build(),
                put(table, Map.of("pk", s("same"), "v", s("x"))),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key("checked"))
                        .conditionExpression("attribute_exists(pk)")).build()));
        assertThatThrownBy(() -> db.transactWriteItems(b -> b.transactItems(
                put(table, Map.of("pk", s("never"), "v", s("new"))),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(table).key(key("missing"))
                        .conditionExpression("attribute_exists(pk)")).build())))
                .isInstanceOf(TransactionCanceledException.class);

        List<Record> fromTransaction = new ArrayList<>(StreamClients.all(streams, arn).stream()
                .filter(r -> !before.contains(r.eventID())).toList());
        fromTransaction.sort(Comparator.comparing(r -> r.dynamodb().keys().get("pk").s()));
        assertThat(fromTransaction).extracting(r -> r.dynamodb().keys().get("pk").s() + " " + r.eventNameAsString())
                .containsExactly("deleted REMOVE", "inserted INSERT", "modified MODIFY");
        assertThat(fromTransaction.get(2).dynamodb().oldImage().get("v").s()).isEqualTo("old");
        assertThat(fromTransaction.get(2).dynamodb().newImage().get("v").s()).isEqualTo("new");
        assertThat(fromTransaction).allSatisfy(r -> assertThat(r.userIdentity()).isNull());
    }

    @Test
    void aReaderNeverSeesPartOfATransaction() throws Exception {
        String table = "tx-atomic";
        String arn = streamTable(table);
        int transactions = 150;
        AtomicBoolean writing = new AtomicBoolean(true);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < transactions; i++) {
                    String n = Integer.toString(i);
                    db.transactWriteItems(b -> b.transactItems(put(table, Map.of("pk", s("a" + n), "tx", s(n))),
                            put(table, Map.of("pk", s("b" + n), "tx", s(n)))));
                }
            } finally {
                writing.set(false);
            }
        });
        List<List<List<Record>>> observations = new ArrayList<>();
        while (writing.get()) {
            observations.add(readShardByShard(arn));
        }
        writer.get();

        // Shards are read one after the other: once one record of a transaction is seen, every record
        // of it in a shard read later must be there too, since they were committed together.
        List<List<Record>> complete = readShardByShard(arn);
        Map<String, Integer> shardOf = new HashMap<>();
        for (int i = 0; i < complete.size(); i++) {
            for (Record r : complete.get(i)) {
                shardOf.put(r.dynamodb().keys().get("pk").s(), i);
            }
        }
        assertThat(shardOf).hasSize(2 * transactions);
        assertThat(observations).isNotEmpty();
        for (List<List<Record>> seen : observations) {
            Set<String> keys = new HashSet<>();
            seen.forEach(shard -> shard.forEach(r -> keys.add(r.dynamodb().keys().get("pk").s())));
            for (String k : keys) {
                String partner = (k.startsWith("a") ? "b" : "a") + k.substring(1);
                if (shardOf.get(partner) > shardOf.get(k)) {
                    assertThat(keys).as("partner of %s", k).contains(partner);
                }
            }
        }
    }

    private static List<List<Record>> readShardByShard(String arn) {
        List<List<Record>> out = new ArrayList<>();
        for (Shard shard : StreamClients.shards(streams, arn)) {
            out.add(StreamClients.drain(streams, streams.getShardIterator(b -> b.streamArn(arn)
                    .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator()));
        }
        return out;
    }

    @Test
    void aTtlDeletionWritesOneServiceRemoveRecordAndLeavesTheIndexToo() {
        String table = "ttl-stream";
        db.createTable(b -> b.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("group").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .globalSecondaryIndexes(g -> g.indexName("byGroup")
                        .keySchema(k -> k.attributeName("group").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.ALL)))
                .streamSpecification(x -> x.streamEnabled(true).streamViewType(StreamViewType.OLD_IMAGE)));
        String arn = db.describeTable(b -> b.tableName(table)).table().latestStreamArn();
        db.updateTimeToLive(b -> b.tableName(table)
                .timeToLiveSpecification(t -> t.attributeName("expires").enabled(true)));
        long expires = clock.instant().getEpochSecond() + 60;
        Map<String, AttributeValue> item = Map.of("pk", s("short-lived"), "group", s("g"),
                "expires", AttributeValue.fromN(Long.toString(expires)));
        db.putItem(b -> b.tableName(table).item(item));

        clock.advance(Duration.ofMinutes(2));
        await().atMost(Duration.ofSeconds(10)).until(() -> !db.getItem(b -> b.tableName(table)
                .key(key("short-lived")).consistentRead(true)).hasItem());

        List<Record> records = StreamClients.all(streams, arn);
        assertThat(records).extracting(Record::eventNameAsString).containsExactly("INSERT", "REMOVE");
        Record remove = records.get(1);
        assertThat(remove.userIdentity()).isNotNull();
        assertThat(remove.userIdentity().type()).isEqualTo("Service");
        assertThat(remove.userIdentity().principalId()).isEqualTo("dynamodb.amazonaws.com");
        assertThat(remove.dynamodb().oldImage()).isEqualTo(item);
        assertThat(records.get(0).userIdentity()).isNull();
        assertThat(db.query(b -> b.tableName(table).indexName("byGroup").keyConditionExpression("#g = :g")
                .expressionAttributeNames(Map.of("#g", "group"))
                .expressionAttributeValues(Map.of(":g", s("g")))).items()).isEmpty();
    }
}
