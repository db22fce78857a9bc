package io.dynarocks.it;

import static io.dynarocks.it.RegionsTest.EAST;
import static io.dynarocks.it.RegionsTest.WEST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.dynarocks.replication.Replication;
import io.dynarocks.server.DynaRocks;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReplicaDescription;
import software.amazon.awssdk.services.dynamodb.model.ReplicaStatus;
import software.amazon.awssdk.services.dynamodb.model.ReplicationGroupUpdate;

/**
 * A global table whose home region is served by two DynaRocks servers on one etcd cluster, with a
 * replica in a peer region (one in-memory server): writes through either server of the region reach
 * the peer, the region's change log is shipped by one of its servers only, and when that server stops
 * the other takes over from the durable position, without copying the table again.
 */
class GlobalTablesOnEtcdIT {

    private static final Duration WAIT = Duration.ofSeconds(120);

    private static EtcdCluster cluster;

    @RegisterExtension
    static final BeforeAllCallback CLUSTER = context -> cluster = SharedEtcd.cluster(context);

    private DynaRocks serverA;
    private DynaRocks serverB;
    private DynaRocks west;
    private DynamoDbClient a;
    private DynamoDbClient b;
    private DynamoDbClient w;

    @BeforeEach
    void start() {
        String prefix = SharedEtcd.prefix(GlobalTablesOnEtcdIT.class);
        west = DynaRocks.builder().inMemory().port(0).region(WEST).start();
        serverA = DynaRocks.builder().etcd(cluster.endpoints()).etcdPrefix(prefix).port(0).region(EAST)
                .peer(WEST, west.endpoint()).start();
        serverB = DynaRocks.builder().etcd(cluster.endpoints()).etcdPrefix(prefix).port(0).region(EAST)
                .peer(WEST, west.endpoint()).start();
        // The peer region reaches the home region through one of its servers, as through a load balancer.
        west.replication().peer(EAST, serverA.endpoint());
        a = ServerExtension.client(serverA.endpoint());
        b = ServerExtension.client(serverB.endpoint());
        w = ServerExtension.client(west.endpoint());
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {a, b, w, serverA, serverB, west}) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static void awaitActive(DynamoDbClient client, String table) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.describeTable(r -> r.tableName(table)).table()
                .replicas()).extracting(ReplicaDescription::regionName, ReplicaDescription::replicaStatus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(WEST, ReplicaStatus.ACTIVE)));
    }

    /** A table made global through server A, its replica in the peer region ACTIVE as both servers describe it. */
    private void globalTable(String table) {
        Tables.hashTable(a, table);
        a.updateTable(r -> r.tableName(table).replicaUpdates(ReplicationGroupUpdate.builder()
                .create(c -> c.regionName(WEST)).build()));
        awaitActive(a, table);
        awaitActive(b, table);
    }

    private static void putAll(DynamoDbClient client, String table, String prefix, int count) {
        for (int i = 0; i < count; i++) {
            String pk = prefix + i;
            client.putItem(r -> r.tableName(table).item(Map.of("pk", AttributeValue.fromS(pk))));
        }
    }

    private static void awaitCount(DynamoDbClient client, String table, int count) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.scan(r -> r.tableName(table).consistentRead(true))
                .count()).isEqualTo(count));
    }

    private static long shipped(DynaRocks server, String table) {
        Replication.ReplicaState state = server.replication().state(table, WEST);
        return state == null ? 0 : state.shipped();
    }

    @Test
    void writesThroughEitherServerOfTheRegionReachThePeerShippedByOneServerOnly() {
        globalTable("Shared");
        putAll(a, "Shared", "a", 10);
        putAll(b, "Shared", "b", 10);
        awaitCount(w, "Shared", 20);
        List<Long> shipped = List.of(shipped(serverA, "Shared"), shipped(serverB, "Shared"));
        assertThat(shipped).as("items shipped by server A and server B").contains(0L)
                .anyMatch(n -> n >= 20);

        // The peer's writes come back to the region through one server and are read through both.
        w.putItem(r -> r.tableName("Shared").item(Map.of("pk", AttributeValue.fromS("from west"))));
        awaitCount(a, "Shared", 21);
        awaitCount(b, "Shared", 21);
    }

    @Test
    void whenTheShippingServerStopsTheOtherTakesOverFromTheDurablePositionWithoutCopyingTheTableAgain() {
        globalTable("Handover");
        putAll(a, "Handover", "one-", 30);
        awaitCount(w, "Handover", 30);
        // Shipping the second wave began after the first wave's position was stored.
        putAll(b, "Handover", "two-", 30);
        awaitCount(w, "Handover", 60);
        boolean aShips = shipped(serverA, "Handover") > 0;
        DynaRocks leader = aShips ? serverA : serverB;
        DynaRocks survivor = aShips ? serverB : serverA;
        DynamoDbClient survivorClient = aShips ? b : a;
        assertThat(shipped(survivor, "Handover")).as("shipped by the server that does not lead").isZero();

        leader.close();
        putAll(survivorClient, "Handover", "three-", 5);
        awaitCount(w, "Handover", 65);
        // At most the second wave again (its position may not have been stored) and the third, never
        // the 65 items a new copy of the table would ship.
        assertThat(shipped(survivor, "Handover")).isBetween(5L, 35L);
    }
}
