package io.dynarocks.backup;

import io.dynarocks.storage.Bytes;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.Storage;
import java.util.Arrays;

/** Item key spaces addressed by a prefix (a table's {@code T | id}, a backup's {@code b D | id}). */
final class KeySpaces {

    /** Base-table items follow the prefix with index id 0. */
    private static final byte[] BASE_INDEX = {0, 0};

    private KeySpaces() {}

    /** The base-table items under {@code prefix} as of {@code snapshot}, keys relative to the prefix. */
    static ItemImage baseItems(Storage storage, Snapshot snapshot, byte[] prefix) {
        return sink -> {
            try (KeyValueIterator it = storage.iterate(KeyRange.prefix(Bytes.concat(prefix, BASE_INDEX)), false,
                    snapshot)) {
                while (it.next()) {
                    byte[] key = it.key();
                    sink.accept(Arrays.copyOfRange(key, prefix.length, key.length), it.value());
                }
            }
        };
    }

    /** Deletes everything under {@code prefix}. */
    static void drop(Storage storage, byte[] prefix) {
        KeyRange all = KeyRange.prefix(prefix);
        storage.write(new io.dynarocks.storage.WriteBatch().deleteRange(all.from(), all.to()));
    }
}
