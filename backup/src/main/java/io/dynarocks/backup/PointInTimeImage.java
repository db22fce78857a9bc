package io.dynarocks.backup;

import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.Storage;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A table as it was at a past time: its items now (in a snapshot), with every key changed since then
 * replaced by the image its first later change recorded in the undo log.
 */
final class PointInTimeImage {

    private PointInTimeImage() {}

    /** A log record's value: the item key after the table id, then the previous item (empty: none). */
    static byte[] logValue(byte[] relativeKey, byte[] oldItem) {
        int old = oldItem == null ? 0 : oldItem.length;
        ByteBuffer b = ByteBuffer.allocate(4 + relativeKey.length + old).putInt(relativeKey.length).put(relativeKey);
        if (oldItem != null) {
            b.put(oldItem);
        }
        return b.array();
    }

    /** The item keys (relative) changed after {@code millis}, each with the image before its first change. */
    static Map<Key, byte[]> firstImagesAfter(Storage storage, Snapshot snapshot, int storageId, long millis) {
        Map<Key, byte[]> before = new HashMap<>();
        try (KeyValueIterator it = storage.iterate(BackupKeys.logFrom(storageId, millis + 1), false, snapshot)) {
            while (it.next()) {
                byte[] v = it.value();
                int keyLength = ByteBuffer.wrap(v).getInt();
                Key key = new Key(Arrays.copyOfRange(v, 4, 4 + keyLength));
                if (!before.containsKey(key)) {
                    before.put(key, v.length == 4 + keyLength ? null : Arrays.copyOfRange(v, 4 + keyLength, v.length));
                }
            }
        }
        return before;
    }

    /**
     * Every key changed after {@code fromMillis} up to {@code toMillis}, with its image at each end:
     * the first change after {@code from} recorded the one before; the one after is the image the first
     * change after {@code to} recorded, or the item now.
     */
    static void changes(Storage storage, Snapshot snapshot, int storageId, long fromMillis, long toMillis,
            ChangeSink sink) {
        Map<Key, byte[]> before = new java.util.LinkedHashMap<>();
        Map<Key, Long> last = new HashMap<>();
        try (KeyValueIterator it = storage.iterate(new io.dynarocks.storage.KeyRange(
                BackupKeys.log(storageId, fromMillis + 1, 0), BackupKeys.log(storageId, toMillis + 1, 0)), false,
                snapshot)) {
            while (it.next()) {
                byte[] v = it.value();
                int keyLength = ByteBuffer.wrap(v).getInt();
                Key key = new Key(Arrays.copyOfRange(v, 4, 4 + keyLength));
                if (!before.containsKey(key)) {
                    before.put(key, v.length == 4 + keyLength ? null : Arrays.copyOfRange(v, 4 + keyLength, v.length));
                }
                last.put(key, BackupKeys.logMillis(it.key()));
            }
        }
        Map<Key, byte[]> afterTo = firstImagesAfter(storage, snapshot, storageId, toMillis);
        byte[] prefix = BackupStore.tablePrefix(storageId);
        before.forEach((k, then) -> {
            byte[] now = afterTo.containsKey(k) ? afterTo.get(k)
                    : storage.get(snapshot, io.dynarocks.storage.Bytes.concat(prefix, k.bytes()));
            sink.accept(last.get(k), k.bytes(), then, now);
        });
    }

    static ItemImage of(Storage storage, Snapshot snapshot, int storageId, long millis) {
        byte[] prefix = BackupStore.tablePrefix(storageId);
        return sink -> {
            Map<Key, byte[]> undo = firstImagesAfter(storage, snapshot, storageId, millis);
            KeySpaces.baseItems(storage, snapshot, prefix).forEach((key, value) -> {
                Key k = new Key(key);
                if (!undo.containsKey(k)) {
                    sink.accept(key, value);
                    return;
                }
                byte[] then = undo.remove(k);
                if (then != null) {
                    sink.accept(key, then);
                }
            });
            // Keys deleted since then.
            undo.forEach((k, then) -> {
                if (then != null) {
                    sink.accept(k.bytes(), then);
                }
            });
        };
    }

    /** A byte-array map key. */
    record Key(byte[] bytes) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(bytes, k.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }
    }
}
