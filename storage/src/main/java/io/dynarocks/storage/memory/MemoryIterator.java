package io.dynarocks.storage.memory;

import io.dynarocks.storage.KeyValueIterator;
import java.util.Iterator;
import java.util.Map;

/** Iterates a key range of a {@link MemoryStorage} as of a pinned sequence number. */
final class MemoryIterator implements KeyValueIterator {
    private final MemoryStorage owner;
    private final ReadPoint point;
    private final Iterator<Map.Entry<byte[], MemoryStorage.Slot>> entries;
    private byte[] key;
    private byte[] value;
    private boolean closed;

    MemoryIterator(MemoryStorage owner, ReadPoint point, Iterator<Map.Entry<byte[], MemoryStorage.Slot>> entries) {
        this.owner = owner;
        this.point = point;
        this.entries = entries;
    }

    @Override
    public boolean next() {
        if (closed) throw new IllegalStateException("iterator is closed");
        // The skip-list iterator is weakly consistent; filtering by sequence number makes it exact,
        // because every version this reader can see is kept while its read point is registered.
        while (entries.hasNext()) {
            Map.Entry<byte[], MemoryStorage.Slot> e = entries.next();
            Version chain = e.getValue().head;
            byte[] v = chain == null ? null : chain.valueAt(point.seq());
            if (v != null) {
                key = e.getKey();
                value = v;
                return true;
            }
        }
        key = null;
        value = null;
        return false;
    }

    @Override
    public byte[] key() {
        if (key == null) throw new IllegalStateException("no current entry");
        return key.clone();
    }

    @Override
    public byte[] value() {
        if (value == null) throw new IllegalStateException("no current entry");
        return value.clone();
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            owner.unpin(point);
        }
    }
}
