package io.dynarocks.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.SharedStore;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * UpdateTable through two servers sharing one store (as on etcd), with another server's change landing
 * between reading the table and committing: the later change is made on top of the earlier one, never
 * over it, as two UpdateTable calls to one DynamoDB endpoint are.
 */
class UpdateTableOnSharedStoreTest {

    private static final byte[] INDEX_IDS = "M:nextIndexId:".getBytes(StandardCharsets.UTF_8);

    private final SharedStore store = new SharedStore();
    private final SharedStore.View viewA = store.server();
    private final SharedStore.View viewB = store.server();
    private final Engine a = new Engine(viewA, Clock.systemUTC());
    private final Engine b = new Engine(viewB, Clock.systemUTC());
    private final OperationRegistry opsA = new OperationRegistry(a);
    private final OperationRegistry opsB = new OperationRegistry(b);

    @AfterEach
    void close() {
        a.close();
        b.close();
        store.close();
    }

    private static void call(OperationRegistry ops, String action, String json) {
        ops.handle(OperationRegistry.DYNAMODB + "." + action, json.getBytes(StandardCharsets.UTF_8));
    }

    private void createTable(String name) {
        call(opsA, "CreateTable", "{\"TableName\":\"" + name + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}");
    }

    private static String createIndex(String table, String attribute) {
        return "{\"TableName\":\"" + table + "\",\"AttributeDefinitions\":[{\"AttributeName\":\"" + attribute
                + "\",\"AttributeType\":\"S\"}],\"GlobalSecondaryIndexUpdates\":[{\"Create\":{\"IndexName\":\"by-"
                + attribute + "\",\"KeySchema\":[{\"AttributeName\":\"" + attribute + "\",\"KeyType\":\"HASH\"}],"
                + "\"Projection\":{\"ProjectionType\":\"ALL\"}}}]}";
    }

    private static List<String> indexNames(TableDefinition table) {
        return table.indexes().stream().map(IndexDefinition::indexName).toList();
    }

    /** What the store holds, as a third server would read it. */
    private TableDefinition stored(String name) {
        return TableDefinitionJson.fromBytes(store.server().get(
                ("C" + name).getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void indexCreatedThroughAnotherServerWhileUpdateTableRunsIsNeitherLostNorCreatedAlongside() {
        createTable("Indexed");
        // B has read the table (no index yet) and allocates its index's id when A's creation commits, and
        // B's cache learns of it at once, before B commits.
        viewB.beforeNextAccess(INDEX_IDS, () -> call(opsA, "UpdateTable", createIndex("Indexed", "x")));
        String outcome;
        try {
            call(opsB, "UpdateTable", createIndex("Indexed", "y"));
            outcome = "created";
        } catch (DynamoException e) {
            assertThat(e.type()).isEqualTo("LimitExceededException");
            outcome = "limit";
        }
        // Either B ran again on top of A's index (refused while it backfills, or created once it is ACTIVE)
        // or B's commit erased A's acknowledged index.
        assertThat(indexNames(stored("Indexed")))
                .containsExactlyInAnyOrderElementsOf(outcome.equals("created") ? List.of("by-x", "by-y") : List.of("by-x"));
        if (outcome.equals("limit")) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).ignoreException(DynamoException.class)
                    .untilAsserted(() -> call(opsB, "UpdateTable", createIndex("Indexed", "y")));
        }
        for (Engine server : List.of(a, b)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    server.catalog().find("Indexed").orElseThrow().indexes())
                    .extracting(IndexDefinition::indexName, IndexDefinition::status)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("by-x", "ACTIVE"),
                            org.assertj.core.groups.Tuple.tuple("by-y", "ACTIVE")));
        }
    }

    @Test
    void indexBackfillMarksTheIndexActiveOnTopOfATableChangeAnotherServerCommittedFirst() {
        createTable("Backfilled");
        // Just before A's backfill commits the index ACTIVE, B enables deletion protection: A's commit,
        // computed on the definition without it, must neither overwrite it nor give up.
        viewA.beforeNextWrite(batch -> activates(batch, "Backfilled", "by-x"), () -> call(opsB, "UpdateTable",
                "{\"TableName\":\"Backfilled\",\"DeletionProtectionEnabled\":true}"));
        call(opsA, "UpdateTable", createIndex("Backfilled", "x"));
        for (Engine server : List.of(a, b)) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                TableDefinition t = server.catalog().find("Backfilled").orElseThrow();
                assertThat(t.indexes()).extracting(IndexDefinition::status).containsExactly("ACTIVE");
                assertThat(t.deletionProtectionEnabled()).isTrue();
            });
        }
        TableDefinition t = stored("Backfilled");
        assertThat(t.indexes()).extracting(IndexDefinition::status).containsExactly("ACTIVE");
        assertThat(t.deletionProtectionEnabled()).isTrue();
    }

    /** Whether {@code batch} stores table {@code table} with index {@code index} ACTIVE. */
    private static boolean activates(WriteBatch batch, String table, String index) {
        byte[] key = ("C" + table).getBytes(StandardCharsets.UTF_8);
        for (WriteBatch.Op op : batch.ops()) {
            if (op instanceof WriteBatch.Put p && java.util.Arrays.equals(p.key(), key)) {
                return TableDefinitionJson.fromBytes(p.value()).index(index)
                        .map(i -> i.status().equals("ACTIVE")).orElse(false);
            }
        }
        return false;
    }
}
