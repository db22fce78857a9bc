package io.dynarocks.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.StorageContractTest;
import io.dynarocks.storage.WriteBatch;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RocksDbStorageTest extends StorageContractTest {

    @TempDir
    Path dir;

    @Override
    protected Storage open() {
        return RocksDbStorage.open(dir.resolve("db"), false);
    }

    @Test
    void dataSurvivesReopen() {
        put("a", "1");
        storage.write(new WriteBatch().put(b("b"), b("2")).put(b("c"), b("3")).deleteRange(b("c"), b("d")));
        storage.close();
        storage = RocksDbStorage.open(dir.resolve("db"), true);
        assertThat(s(storage.get(b("a")))).isEqualTo("1");
        assertThat(keys(storage, new KeyRange(new byte[0], null), false, null)).containsExactly("a=1", "b=2");
    }

    @Test
    void countersSurviveReopen() {
        storage.write(new WriteBatch().add(b("n"), 41));
        storage.write(new WriteBatch().add(b("n"), 1));
        storage.close();
        storage = RocksDbStorage.open(dir.resolve("db"), false);
        assertThat(WriteBatch.counter(storage.get(b("n")))).isEqualTo(42);
    }
}
