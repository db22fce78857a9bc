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

    @Test
    void aKeyDroppedAfterItsDeletionCanBeWrittenAgainAndIsSeenByIterationAndReads() {
        put("a", "1");
        storage.write(new WriteBatch().delete(b("a")));
        put("b", "1"); // prunes the tombstone: the key is dropped
        Snapshot before = storage.snapshot();
        put("a", "2");
        assertThat(s(storage.get(b("a")))).isEqualTo("2");
        assertThat(storage.get(before, b("a"))).isNull();
        assertThat(keys(storage, new KeyRange(new byte[0], null), false, null)).containsExactly("a=2", "b=1");
        assertThat(keys(storage, new KeyRange(new byte[0], null), false, before)).containsExactly("b=1");
        before.close();
    }

    @Test
    void aKeyWrittenAndDeletedInOneBatchIsAbsent() {
        storage.write(new WriteBatch().put(b("a"), b("1")).delete(b("a")).put(b("c"), b("1")));
        assertThat(storage.get(b("a"))).isNull();
        assertThat(keys(storage, new KeyRange(new byte[0], null), false, null)).containsExactly("c=1");
    }
}
