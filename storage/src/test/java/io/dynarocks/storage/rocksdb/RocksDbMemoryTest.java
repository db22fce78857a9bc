package io.dynarocks.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stores opened with one {@link RocksDbMemory} share its cap: their memtables together stay within it. */
class RocksDbMemoryTest {

    private static final long MEMORY = 24L << 20;
    private static final int STORES = 4;

    @TempDir
    Path dir;

    @Test
    void memtablesOfSeveralStoresTogetherStayWithinTheSharedCap() throws Exception {
        List<RocksDbStorage> stores = new ArrayList<>();
        try (RocksDbMemory memory = RocksDbMemory.of(MEMORY)) {
            try {
                for (int i = 0; i < STORES; i++) {
                    stores.add(RocksDbStorage.open(dir.resolve("db" + i), false, false, memory));
                }
                // 10 MB into each store: 40 MB, which their own 16 MB memtables would all have kept unflushed.
                Random random = new Random(1);
                byte[] value = new byte[10_000];
                for (int n = 0; n < 1_000; n++) {
                    for (RocksDbStorage store : stores) {
                        random.nextBytes(value);
                        store.write(new WriteBatch().put(("k" + n).getBytes(StandardCharsets.UTF_8), value.clone()));
                    }
                }
                // Flushes run in the background: the memtables being flushed count until they are written. The
                // write buffer manager's third of the cap is a soft limit (a store flushes when it writes past
                // it, so each may keep a memtable's worth); the whole cap, which the memtables are charged to,
                // holds. Without it the stores would keep all 40 MB.
                long memtables = 0;
                for (int wait = 0; wait < 300; wait++) {
                    memtables = stores.stream().mapToLong(s -> s.statistics().get("cur-size-all-mem-tables")).sum();
                    if (memtables <= MEMORY) {
                        break;
                    }
                    Thread.sleep(100);
                }
                assertThat(memtables).as("bytes in the memtables of all stores").isLessThanOrEqualTo(MEMORY);
                assertThat(stores.get(0).statistics().get("total-sst-files-size")).as("flushed").isPositive();
                for (RocksDbStorage store : stores) {
                    assertThat(store.get("k999".getBytes(StandardCharsets.UTF_8))).hasSize(value.length);
                }
            } finally {
                stores.forEach(RocksDbStorage::close);
            }
        }
    }

    @Test
    void aCapTooSmallToWorkWithIsRefused() {
        assertThatThrownBy(() -> RocksDbMemory.of(1 << 20)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 16 MB");
    }
}
