package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterEach;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateReplicationGroupMemberAction;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;

/**
 * Tests across servers that each stand for a region: the regions they name, and their servers, stopped
 * after each test.
 */
abstract class RegionsTest {

    static final String EAST = "us-east-1";
    static final String WEST = "us-west-2";
    static final String EU = "eu-west-1";
    /** How long replication may take on a loaded machine. */
    static final Duration WAIT = Duration.ofSeconds(60);

    /** The servers of the test, set by the test itself. */
    Regions regions;

    /** Adds a replica of {@code table} in {@code region} (global tables version 2019.11.21). */
    static void addReplica(DynamoDbClient client, String table, String region) {
        client.updateTable(b -> b.tableName(table).replicaUpdates(ReplicationGroupUpdate.builder()
                .create(c -> c.regionName(region)).build()));
    }

    /** Waits until {@code client} describes {@code table} with exactly {@code replicas}, each ACTIVE. */
    static void awaitActive(DynamoDbClient client, String table, String... replicas) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.describeTable(b -> b.tableName(table)).table()
                .replicas()).extracting(ReplicaDescription::regionName, ReplicaDescription::replicaStatus)
                .containsExactlyInAnyOrder(Arrays.stream(replicas).map(r -> Tuple.tuple(r, ReplicaStatus.ACTIVE))
                        .toArray(Tuple[]::new)));
    }

    /** The replica in {@code region} as {@code client}'s region describes {@code table}. */
    static ReplicaDescription replicaOf(DynamoDbClient client, String table, String region) {
        return client.describeTable(b -> b.tableName(table)).table().replicas().stream()
                .filter(r -> r.regionName().equals(region)).findFirst().orElseThrow();
    }

    /** Three regions, and a table made in us-east-1 with replicas in the other two, all ACTIVE. */
    void globalTable(String table) {
        globalTable(table, WEST, EU);
    }

    /** Three regions, and a table made in us-east-1 with replicas in {@code replicas}, ACTIVE. */
    void globalTable(String table, String... replicas) {
        regions = new Regions(EAST, WEST, EU);
        Tables.hashTable(regions.client(EAST), table);
        for (String replica : replicas) {
            addReplica(regions.client(EAST), table, replica);
        }
        awaitActive(regions.client(EAST), table, replicas);
    }

    /**
     * Two regions, and a provisioned table made in us-east-1 ({@link Tables#provisionedTable}) with a replica in
     * us-west-2 as {@code westReplica} sets it up (its overrides), ACTIVE.
     */
    void provisionedGlobalTable(String table, Consumer<CreateReplicationGroupMemberAction.Builder> westReplica) {
        regions = new Regions(EAST, WEST);
        DynamoDbClient east = regions.client(EAST);
        Tables.provisionedTable(east, table);
        east.updateTable(b -> b.tableName(table).replicaUpdates(ReplicationGroupUpdate.builder()
                .create(c -> westReplica.accept(c.regionName(WEST))).build()));
        awaitActive(east, table, WEST);
    }

    @AfterEach
    void stopRegions() {
        if (regions != null) {
            regions.close();
        }
    }
}
