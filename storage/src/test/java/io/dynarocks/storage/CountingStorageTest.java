package io.dynarocks.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.storage.memory.MemoryStorage;
import org.junit.jupiter.api.Test;

class CountingStorageTest {

    @Test
    void countsPointReadsAndIteratedEntries() {
        try (CountingStorage s = new CountingStorage(new MemoryStorage())) {
            s.write(new WriteBatch().put(new byte[] {1}, new byte[] {1}).put(new byte[] {2}, new byte[] {2}));
            s.get(new byte[] {1});
            try (KeyValueIterator it = s.iterate(new KeyRange(new byte[] {0}, new byte[] {9}), false, null)) {
                while (it.next()) {
                    it.key();
                }
            }
            assertThat(s.gets()).isEqualTo(1);
            assertThat(s.iterated()).isEqualTo(2);
            s.reset();
            assertThat(s.reads()).isZero();
        }
    }
}
