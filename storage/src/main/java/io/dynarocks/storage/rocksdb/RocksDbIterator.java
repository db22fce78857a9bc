package io.dynarocks.storage.rocksdb;

import io.dynarocks.storage.KeyValueIterator;
import java.util.Arrays;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;

/** A RocksDB iterator bounded to {@code [from, to)}; owns its read options and bound slices. */
final class RocksDbIterator implements KeyValueIterator {
    private final RocksDbStorage owner;
    private final ReadOptions read;
    private final Slice lower;
    private final Slice upper;
    private final RocksIterator it;
    private final byte[] to;
    private final boolean reverse;
    private boolean started;
    private byte[] key;
    private byte[] value;
    private boolean released;

    RocksDbIterator(RocksDbStorage owner, RocksDB db, byte[] from, byte[] to, boolean reverse,
            org.rocksdb.Snapshot snapshot) {
        this.owner = owner;
        this.to = to;
        this.reverse = reverse;
        this.read = new ReadOptions();
        if (snapshot != null) read.setSnapshot(snapshot);
        // The bounds let RocksDB skip data outside the range; the slices must outlive the iterator.
        this.lower = new Slice(from);
        read.setIterateLowerBound(lower);
        this.upper = to == null ? null : new Slice(to);
        if (upper != null) read.setIterateUpperBound(upper);
        this.it = db.newIterator(read);
    }

    @Override
    public boolean next() {
        if (released) throw new IllegalStateException("iterator is closed");
        owner.whileOpen(this::advance);
        return key != null;
    }

    private void advance() {
        if (!started) {
            started = true;
            seekFirst();
        } else if (it.isValid()) {
            if (reverse) it.prev(); else it.next();
        }
        if (it.isValid()) {
            key = it.key();
            value = it.value();
        } else {
            key = null;
            value = null;
            try {
                it.status(); // distinguishes the end from an I/O error
            } catch (RocksDBException e) {
                throw RocksDbStorage.failure("iteration", e);
            }
        }
    }

    private void seekFirst() {
        if (!reverse) {
            it.seekToFirst();
        } else if (to == null) {
            it.seekToLast();
        } else {
            // The range is half-open: step back if the upper bound itself exists.
            it.seekForPrev(to);
            if (it.isValid() && Arrays.equals(it.key(), to)) it.prev();
        }
    }

    @Override
    public byte[] key() {
        if (key == null) throw new IllegalStateException("no current entry");
        return key;
    }

    @Override
    public byte[] value() {
        if (value == null) throw new IllegalStateException("no current entry");
        return value;
    }

    @Override
    public void close() {
        if (released) return;
        released = true;
        owner.release(this, () -> {
            it.close();
            read.close();
            lower.close();
            if (upper != null) upper.close();
        });
    }
}
