package io.dynarocks.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.storage.ForwardingStorage;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.StorageException;
import io.dynarocks.storage.memory.MemoryStorage;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** An in-process subscription rides out a store that is unavailable for a while, as a Lambda mapping would. */
class SubscriptionTest {

    /** A memory store whose reads fail as an unavailable distributed store's do, while {@code down} is set. */
    static final class FlakyStorage extends ForwardingStorage {
        final AtomicBoolean down = new AtomicBoolean();
        final AtomicInteger refused = new AtomicInteger();

        FlakyStorage() {
            super(new MemoryStorage());
        }

        @Override
        public byte[] get(byte[] key) {
            refuseWhileDown();
            return super.get(key);
        }

        @Override
        public byte[] get(Snapshot snapshot, byte[] key) {
            refuseWhileDown();
            return super.get(snapshot, key);
        }

        @Override
        public KeyValueIterator iterate(KeyRange range, boolean reverse, Snapshot snapshot) {
            refuseWhileDown();
            return super.iterate(range, reverse, snapshot);
        }

        private void refuseWhileDown() {
            if (down.get()) {
                refused.incrementAndGet();
                throw new StorageException.Unavailable("etcd kv/range failed 9 times in 15000 ms, last: no leader");
            }
        }
    }

    @Test
    void subscriptionKeepsDeliveringOnceAnUnavailableStoreIsBack() {
        FlakyStorage storage = new FlakyStorage();
        try (StreamFixture f = new StreamFixture(storage, new StreamFixture.TestClock(), Duration.ofDays(2))) {
            f.createStreamTable("tbl");
            f.put("tbl", "before", 1);
            List<String> delivered = new CopyOnWriteArrayList<>();
            try (Subscription subscription = f.streams.subscribe("tbl", SubscriptionOptions.defaults(),
                    batch -> batch.forEach(r -> delivered.add(r.keys().get("pk").toString())))) {
                Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> delivered.size() == 1);

                storage.down.set(true);
                int refusedBefore = storage.refused.get();
                Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> storage.refused.get() > refusedBefore + 1);
                storage.down.set(false);
                f.put("tbl", "after", 2);

                Awaitility.await().atMost(Duration.ofMinutes(1)).until(() -> delivered.size() == 2);
                assertThat(subscription.isRunning()).isTrue();
                assertThat(delivered).hasSize(2).last().asString().contains("after");
            }
        }
    }
}
