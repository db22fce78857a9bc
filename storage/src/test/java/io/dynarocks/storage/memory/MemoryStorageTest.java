package io.dynarocks.storage.memory;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.StorageContractTest;
import io.dynarocks.storage.WriteBatch;
import org.junit.jupiter.api.Test;

class MemoryStorageTest extends StorageContractTest {

    @Override
    protected Storage open() {
        return new MemoryStorage();
    }

    @Test
    void oldVersionsAreKeptWhileASnapshotNeedsThemAndDroppedAfter() {
        put("a", "1");
        Snapshot snap = storage.snapshot();
        put("a", "2");
        put("a", "3");
        assertThat(s(storage.get(snap, b("a")))).isEqualTo("1");
        snap.close();
        storage.write(new WriteBatch().delete(b("a")));
        put("b", "1"); // the next write prunes the tombstone nobody can see any more
        assertThat(keys(storage, new KeyRange(new byte[0], null), false, null)).containsExactly("b=1");
    }

    @Test
    void iteratorOutlivesItsSnapshot() {
        put("a", "1");
        Snapshot snap = storage.snapshot();
        var it = storage.iterate(new KeyRange(new byte[0], null), false, snap);
        snap.close();
        put("a", "2");
        put("a", "3");
        assertThat(it.next()).isTrue();
        assertThat(s(it.value())).isEqualTo("1");
        it.close();
    }
}
