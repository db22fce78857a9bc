package io.dynarocks.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.StorageException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A damaged data directory is opened only when no acknowledged write would be lost silently: a
 * write-ahead log cut short (a crash in the middle of a write) opens with the writes before the cut;
 * damage with intact records after it is refused as corruption unless salvaging is asked for; a
 * directory another process holds is refused as in use.
 */
class RocksDbDamageTest {

    private static final int WRITES = 500;

    @TempDir
    Path dir;

    private Path db;

    @BeforeEach
    void writeAndKill() throws Exception {
        db = dir.resolve("db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), db.toString(), Integer.toString(WRITES))
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("acknowledged"));
            assertThat(line).isEqualTo("acknowledged");
        } finally {
            child.destroyForcibly(); // the writes are in the write-ahead log only
            child.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void writeAheadLogCutShortOpensWithTheWritesBeforeTheCut() throws Exception {
        Path wal = wal();
        try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
            f.setLength(f.length() - 100);
        }
        try (RocksDbStorage storage = RocksDbStorage.open(db, false)) {
            assertThat(survivors(storage)).isBetween(WRITES - 20, WRITES - 1);
        }
    }

    @Test
    void damageInsideTheWriteAheadLogIsRefusedUnlessSalvaged() throws Exception {
        Path wal = wal();
        try (RandomAccessFile f = new RandomAccessFile(wal.toFile(), "rw")) {
            f.seek(f.length() / 2);
            f.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        }
        assertThatThrownBy(() -> RocksDbStorage.open(db, false))
                .isInstanceOf(StorageException.Corruption.class)
                .hasMessageContaining("is corrupted");
        try (RocksDbStorage storage = RocksDbStorage.open(db, false, true)) {
            assertThat(survivors(storage)).isBetween(1, WRITES / 2 + 20);
        }
    }

    @Test
    void directoryOpenedElsewhereIsRefusedAsInUse() {
        try (RocksDbStorage first = RocksDbStorage.open(db, false)) {
            assertThatThrownBy(() -> RocksDbStorage.open(db, false))
                    .isInstanceOf(StorageException.class)
                    .hasMessageContaining("is in use by another process");
            assertThat(survivors(first)).isEqualTo(WRITES);
        }
    }

    private Path wal() throws Exception {
        try (Stream<Path> files = Files.list(db)) {
            List<Path> logs = files.filter(p -> p.getFileName().toString().endsWith(".log")).toList();
            assertThat(logs).hasSize(1);
            assertThat(Files.size(logs.get(0))).isPositive();
            return logs.get(0);
        }
    }

    /** How many writes survived; they must be the first ones, in the order they were written. */
    private static int survivors(RocksDbStorage storage) {
        List<Integer> found = new ArrayList<>();
        try (KeyValueIterator it = storage.iterate(KeyRange.prefix(new byte[] {'k'}), false, null)) {
            while (it.next()) {
                found.add(Integer.parseInt(new String(it.key(), StandardCharsets.UTF_8).substring(1)));
            }
        }
        found.sort(null);
        for (int i = 0; i < found.size(); i++) {
            assertThat(found.get(i)).as("writes survive as a prefix of their order").isEqualTo(i);
        }
        return found.size();
    }
}
