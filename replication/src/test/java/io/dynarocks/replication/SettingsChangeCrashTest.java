package io.dynarocks.replication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.operation.UpdateTimeToLiveRequest;
import io.dynarocks.storage.ForwardingStorage;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.memory.MemoryStorage;
import io.dynarocks.streams.Streams;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A settings change of a global table survives a crash right after its first write, on both sides: made in one
 * region, it still waits for every other region when the server starts again; made in another region and
 * applied here, its version is kept with it, so a peer's older change delivered after the restart does not win.
 */
class SettingsChangeCrashTest {

    private static final String TABLE = "Music";

    /** A storage whose process dies after the first write once armed: later writes never reach the store. */
    private static final class DyingStorage extends ForwardingStorage {
        private boolean armed;
        private boolean dead;

        DyingStorage(Storage durable) {
            super(durable);
        }

        @Override
        public synchronized void write(WriteBatch batch) {
            if (dead) {
                throw new IllegalStateException("the process died");
            }
            super.write(batch);
            dead = armed;
        }

        /** Nothing to close: the store outlives the process. */
        @Override
        public void close() {}
    }

    /** One region's server: no peer configured, so nothing ships while the test looks at the store. */
    private static final class Region {
        final Engine engine;
        final OperationRegistry registry;
        final Replication replication;

        Region(String name, Storage storage) {
            engine = new Engine(storage, Clock.systemUTC());
            registry = new OperationRegistry(engine);
            Streams streams = Streams.install(engine, registry, Duration.ofHours(4));
            // The ttl module's action, which replication wraps; this test makes no TTL change.
            registry.register("UpdateTimeToLive", UpdateTimeToLiveRequest::decode, r -> {
                throw new UnsupportedOperationException("UpdateTimeToLive");
            });
            replication = Replication.install(engine, registry, streams, new ReplicationConfig(name, Map.of()));
        }

        /** Runs a DynamoDB action with a JSON body (single quotes standing for double quotes). */
        void call(String action, String json) {
            handle(OperationRegistry.DYNAMODB + "." + action, json);
        }

        /** Delivers a peer's settings change as its shipper does, made in {@code region} at {@code millis}. */
        void receive(String region, long millis, String members) {
            handle(PeerLink.SERVICE + "." + TableSettingsUpdate.ACTION, "{'TableName':'" + TABLE + "',"
                    + "'ChangeTimestamp':" + millis + ",'ChangeRegion':'" + region + "'," + members + "}");
        }

        private void handle(String target, String json) {
            try {
                registry.handle(target, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
            } catch (DynamoException e) { // carries no stack trace: say what it is
                throw new AssertionError(target + ": " + e.type() + ": " + e.getMessage(), e);
            }
        }

        /** Creates the provisioned table, streaming, and makes it a global table of {@code regions}. */
        void createGlobalTable(List<String> regions) {
            call("CreateTable", "{'TableName':'" + TABLE + "','BillingMode':'PROVISIONED',"
                    + "'ProvisionedThroughput':{'ReadCapacityUnits':5,'WriteCapacityUnits':5},"
                    + "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
                    + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],"
                    + "'StreamSpecification':{'StreamEnabled':true,'StreamViewType':'NEW_AND_OLD_IMAGES'}}");
            replication.publish(new ReplicaSet(TABLE, ReplicaSet.CURRENT, regions, System.currentTimeMillis()));
        }
    }

    @Test
    void aSettingsChangeWaitsForTheOtherRegionsOnceTheLocalChangeIsWritten() {
        String region = "us-east-1";
        String peer = "eu-west-1";
        MemoryStorage durable = new MemoryStorage();
        DyingStorage dying = new DyingStorage(durable);
        Region before = new Region(region, dying);
        before.createGlobalTable(List.of(region, peer));

        dying.armed = true;
        catchThrowable(() -> before.call("UpdateTable", "{'TableName':'" + TABLE + "',"
                + "'BillingMode':'PAY_PER_REQUEST'}"));
        before.replication.close();

        Region after = new Region(region, durable);
        try {
            assertThat(after.engine.catalog().require(TABLE).payPerRequest())
                    .as("the local change was written before the crash").isTrue();
            assertThat(pending(durable, peer))
                    .as("the change still waits for " + peer)
                    .singleElement()
                    .satisfies(c -> assertThat(c.request().billingMode()).isEqualTo("PAY_PER_REQUEST"))
                    .satisfies(c -> assertThat(c.version().region()).isEqualTo(region));
            assertThat(SettingsVersions.of(durable, TABLE)).containsKey(SettingsVersions.CAPACITY);
        } finally {
            after.replication.close();
            durable.close();
        }
    }

    @Test
    void aPeersChangeAppliedHereKeepsItsVersionThroughACrash() {
        String region = "eu-west-1";
        String newer = "us-east-1";
        String older = "ap-south-1";
        MemoryStorage durable = new MemoryStorage();
        DyingStorage dying = new DyingStorage(durable);
        Region before = new Region(region, dying);
        before.createGlobalTable(List.of(region, newer, older));

        dying.armed = true;
        catchThrowable(() -> before.receive(newer, 2_000,
                "'ProvisionedThroughput':{'ReadCapacityUnits':5,'WriteCapacityUnits':20}"));
        before.replication.close();

        Region after = new Region(region, durable);
        try {
            assertThat(after.engine.catalog().require(TABLE).provisionedThroughput().writeCapacityUnits())
                    .as("the peer's change was written before the crash").isEqualTo(20L);
            assertThat(SettingsVersions.of(durable, TABLE))
                    .as("its version with it")
                    .containsEntry(SettingsVersions.CAPACITY, new SettingsVersions.Version(2_000, newer));

            after.receive(older, 1_000, "'ProvisionedThroughput':{'ReadCapacityUnits':5,'WriteCapacityUnits':10}");
            assertThat(after.engine.catalog().require(TABLE).provisionedThroughput().writeCapacityUnits())
                    .as("an older change from another region does not win").isEqualTo(20L);
        } finally {
            after.replication.close();
            durable.close();
        }
    }

    private static List<TableSettingsUpdate.Change> pending(Storage storage, String peer) {
        List<TableSettingsUpdate.Change> out = new ArrayList<>();
        try (KeyValueIterator it = storage.iterate(ReplicationKeys.pendingSettings(TABLE, peer), false, null)) {
            while (it.next()) {
                out.add(TableSettingsUpdate.Change.decode(it.value()));
            }
        }
        return out;
    }
}
