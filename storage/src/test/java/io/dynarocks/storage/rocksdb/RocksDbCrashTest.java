package io.dynarocks.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An acknowledged write survives kill -9 of the process, because the WAL is on even without sync. */
class RocksDbCrashTest {

    @TempDir
    Path dir;

    @Test
    void acknowledgedWritesSurviveProcessKill() throws Exception {
        Path db = dir.resolve("db");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                CrashWriter.class.getName(), db.toString(), "500")
                .redirectErrorStream(true)
                .start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream()))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("acknowledged"));
            assertThat(line).isEqualTo("acknowledged");
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
            child.waitFor(30, TimeUnit.SECONDS);
        }
        try (RocksDbStorage storage = RocksDbStorage.open(db, false);
                KeyValueIterator it = storage.iterate(KeyRange.prefix(new byte[] {'k'}), false, null)) {
            int n = 0;
            while (it.next()) n++;
            assertThat(n).isEqualTo(500);
        }
    }
}
