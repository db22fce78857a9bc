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
 * A settings change of a global table made in one region survives a crash right after this region's table change
 * is written: the change is still waiting for every other region when the server starts again.
 */
class SettingsChangeCrashTest {

    private static final String TABLE = "Music";
    private static final String REGION = "us-east-1";
    private static final String PEER = "eu-west-1";

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

        Region(Storage storage) {
            engine = new Engine(storage, Clock.systemUTC());
            registry = new OperationRegistry(engine);
            Streams streams = Streams.install(engine, registry, Duration.ofHours(4));
            // The ttl module's action, which replication wraps; this test makes no TTL change.
            registry.register("UpdateTimeToLive", UpdateTimeToLiveRequest::decode, r -> {
                throw new UnsupportedOperationException("UpdateTimeToLive");
            });
            replication = Replication.install(engine, registry, streams, new ReplicationConfig(REGION, Map.of()));
        }

        /** Runs a DynamoDB action with a JSON body (single quotes standing for double quotes). */
        void call(String action, String json) {
            try {
                registry.handle(OperationRegistry.DYNAMODB + "." + action,
                        json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
            } catch (DynamoException e) { // carries no stack trace: say what it is
                throw new AssertionError(action + ": " + e.type() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void aSettingsChangeWaitsForTheOtherRegionsOnceTheLocalChangeIsWritten() {
        MemoryStorage durable = new MemoryStorage();
        DyingStorage dying = new DyingStorage(durable);
        Region before = new Region(dying);
        before.call("CreateTable", "{'TableName':'" + TABLE + "','BillingMode':'PROVISIONED',"
                + "'ProvisionedThroughput':{'ReadCapacityUnits':5,'WriteCapacityUnits':5},"
                + "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
                + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],"
                + "'StreamSpecification':{'StreamEnabled':true,'StreamViewType':'NEW_AND_OLD_IMAGES'}}");
        before.replication.publish(new ReplicaSet(TABLE, ReplicaSet.CURRENT, List.of(REGION, PEER),
                System.currentTimeMillis()));

        dying.armed = true;
        catchThrowable(() -> before.call("UpdateTable", "{'TableName':'" + TABLE + "',"
                + "'BillingMode':'PAY_PER_REQUEST'}"));
        before.replication.close();

        Region after = new Region(durable);
        try {
            assertThat(after.engine.catalog().require(TABLE).payPerRequest())
                    .as("the local change was written before the crash").isTrue();
            assertThat(pending(durable))
                    .as("the change still waits for " + PEER)
                    .singleElement()
                    .satisfies(c -> assertThat(c.request().billingMode()).isEqualTo("PAY_PER_REQUEST"))
                    .satisfies(c -> assertThat(c.version().region()).isEqualTo(REGION));
            assertThat(SettingsVersions.of(durable, TABLE)).containsKey(SettingsVersions.CAPACITY);
        } finally {
            after.replication.close();
            durable.close();
        }
    }

    private static List<TableSettingsUpdate.Change> pending(Storage storage) {
        List<TableSettingsUpdate.Change> out = new ArrayList<>();
        try (KeyValueIterator it = storage.iterate(ReplicationKeys.pendingSettings(TABLE, PEER), false, null)) {
            while (it.next()) {
                out.add(TableSettingsUpdate.Change.decode(it.value()));
            }
        }
        return out;
    }
}
