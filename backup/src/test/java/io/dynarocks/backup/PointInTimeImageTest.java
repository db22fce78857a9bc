package io.dynarocks.backup;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.storage.Bytes;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PointInTimeImageTest {

    private static final int TABLE = 7;
    private final MemoryStorage storage = new MemoryStorage();
    private long seq;

    @Test
    void theImageAtATimeUndoesEveryLaterChangeOfEachKeyOnce() {
        // t=10: a=1, b=1 ; t=20: a=2, c=1 ; t=30: b deleted, a=3 ; t=40: c deleted, b=2
        change(10, "a", null, "1");
        change(10, "b", null, "1");
        change(20, "a", "1", "2");
        change(20, "c", null, "1");
        change(30, "b", "1", null);
        change(30, "a", "2", "3");
        change(40, "c", "1", null);
        change(40, "b", null, "2");

        assertThat(imageAt(5)).isEmpty();
        assertThat(imageAt(10)).isEqualTo(Map.of("a", "1", "b", "1"));
        assertThat(imageAt(25)).isEqualTo(Map.of("a", "2", "b", "1", "c", "1"));
        assertThat(imageAt(30)).isEqualTo(Map.of("a", "3", "c", "1"));
        assertThat(imageAt(40)).isEqualTo(Map.of("a", "3", "b", "2"));
    }

    @Test
    void changesInAWindowGiveEachKeysImageAtBothEnds() {
        change(10, "a", null, "1");
        change(20, "a", "1", "2");
        change(25, "a", "2", "3");
        change(30, "b", null, "1");
        change(50, "a", "3", "4");
        Map<String, String> seen = new TreeMap<>();
        try (Snapshot s = storage.snapshot()) {
            PointInTimeImage.changes(storage, s, TABLE, 15, 40, (millis, key, before, after) -> seen.put(
                    keyText(key), millis + ":" + text(before) + "->" + text(after)));
        }
        assertThat(seen).isEqualTo(Map.of("a", "25:1->3", "b", "30:null->1"));
    }

    /** Applies one change the way a write with the change log on does: item and log record in one batch. */
    private void change(long millis, String key, String before, String after) {
        // Relative keys start with the index id; 0 is the base table.
        byte[] relative = Bytes.concat(new byte[] {0, 0}, key.getBytes(StandardCharsets.UTF_8));
        byte[] itemKey = Bytes.concat(BackupStore.tablePrefix(TABLE), relative);
        WriteBatch batch = new WriteBatch();
        if (after == null) {
            batch.delete(itemKey);
        } else {
            batch.put(itemKey, after.getBytes(StandardCharsets.UTF_8));
        }
        batch.put(BackupKeys.log(TABLE, millis, ++seq), PointInTimeImage.logValue(relative,
                before == null ? null : before.getBytes(StandardCharsets.UTF_8)));
        storage.write(batch);
    }

    private Map<String, String> imageAt(long millis) {
        Map<String, String> out = new TreeMap<>();
        try (Snapshot s = storage.snapshot()) {
            PointInTimeImage.of(storage, s, TABLE, millis).forEach((k, v) -> out.put(keyText(k), text(v)));
        }
        return out;
    }

    private static String keyText(byte[] relative) {
        return new String(relative, 2, relative.length - 2, StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return b == null ? "null" : new String(b, StandardCharsets.UTF_8);
    }
}
