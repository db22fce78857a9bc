package io.dynarocks.storage.memory;

import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.StorageException;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * In-memory {@link Storage} with multi-version concurrency control, for tests and embedded use.
 *
 * <p>Each key holds a chain of versions stamped with the sequence number of the batch that wrote
 * them. Writers are serialized by one lock; a batch's versions become visible together when the
 * visible sequence number is advanced past them, so no reader sees half a batch. Readers never
 * lock (except briefly to register a read point); versions no registered reader can see are pruned.
 * Deliberately free of RocksDB classes so the in-memory mode starts without loading natives.
 */
public final class MemoryStorage implements Storage {

    private static final ReadPoint OLDEST = new ReadPoint(Long.MIN_VALUE, Long.MIN_VALUE);

    /** Every key's slot in key order, for iteration. */
    private final ConcurrentSkipListMap<byte[], Slot> data = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    /**
     * The same slots by key hash, for point reads and writes: a hash lookup is several times cheaper than a search
     * of the skip list, and a write to an existing key replaces the slot's chain without touching either map.
     */
    private final ConcurrentHashMap<Key, Slot> slots = new ConcurrentHashMap<>();
    private final ConcurrentSkipListSet<ReadPoint> readPoints = new ConcurrentSkipListSet<>();
    private final AtomicLong readPointIds = new AtomicLong();
    private final ReentrantLock writeLock = new ReentrantLock();
    /**
     * Slots whose chain may still be pruned, by identity (a dropped slot and its key's next one are equal keys);
     * guarded by {@link #writeLock}.
     */
    private final Set<Slot> prunable = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Guarded by {@link #writeLock}. */
    private long lastHorizon = -1;
    private volatile long visibleSeq;
    private volatile boolean closed;

    @Override
    public byte[] get(byte[] key) {
        ensureOpen();
        // Read the chain before the sequence number: pruning always keeps the newest version at or
        // below the visible sequence of its time, so the chain holds the newest one at or below seq.
        Version chain = chain(key);
        long seq = visibleSeq;
        return chain == null ? null : copy(chain.valueAt(seq));
    }

    @Override
    public byte[] get(Snapshot snapshot, byte[] key) {
        if (snapshot == null) return get(key);
        ensureOpen();
        MemorySnapshot s = own(snapshot);
        Version chain = chain(key);
        return chain == null ? null : copy(chain.valueAt(s.point.seq()));
    }

    @Override
    public KeyValueIterator iterate(KeyRange range, boolean reverse, Snapshot snapshot) {
        ensureOpen();
        // The iterator pins its own read point so it stays valid even if its snapshot closes first.
        ReadPoint point = pin(snapshot == null ? -1 : own(snapshot).point.seq());
        byte[] from = range.from() == null ? new byte[0] : range.from();
        byte[] to = range.to();
        NavigableMap<byte[], Slot> view;
        if (to == null) {
            view = data.tailMap(from, true);
        } else if (Arrays.compareUnsigned(from, to) >= 0) {
            view = Collections.emptyNavigableMap();
        } else {
            view = data.subMap(from, true, to, false);
        }
        if (reverse) view = view.descendingMap();
        return new MemoryIterator(this, point, view.entrySet().iterator());
    }

    @Override
    public void write(WriteBatch batch) {
        ensureOpen();
        if (batch.isEmpty()) return;
        writeLock.lock();
        try {
            for (WriteBatch.Expect e : batch.expectations()) {
                Version head = chain(e.key());
                if (!Arrays.equals(head == null ? null : head.value, e.value())) {
                    throw new WriteConflictException("a key changed since it was read");
                }
            }
            long seq = visibleSeq + 1;
            List<Slot> touched = new ArrayList<>();
            for (WriteBatch.Op op : batch.ops()) {
                if (op instanceof WriteBatch.Put p) {
                    apply(p.key(), p.value().clone(), seq, touched);
                } else if (op instanceof WriteBatch.Delete d) {
                    apply(d.key(), null, seq, touched);
                } else if (op instanceof WriteBatch.Add a) {
                    // Writers hold the lock, so the head version is the latest, this batch's included.
                    Version head = chain(a.key());
                    long current = WriteBatch.counter(head == null ? null : head.value);
                    apply(a.key(), WriteBatch.counterBytes(current + a.delta()), seq, touched);
                } else if (op instanceof WriteBatch.DeleteRange r) {
                    if (r.to() == null) throw new IllegalArgumentException("DeleteRange needs an upper bound");
                    if (Arrays.compareUnsigned(r.from(), r.to()) >= 0) continue;
                    for (byte[] key : data.subMap(r.from(), true, r.to(), false).keySet()) {
                        apply(key, null, seq, touched);
                    }
                }
            }
            visibleSeq = seq; // publishes the whole batch at once
            prune(touched);
        } finally {
            writeLock.unlock();
        }
    }

    @Override
    public Snapshot snapshot() {
        ensureOpen();
        return new MemorySnapshot(this, pin(-1));
    }

    @Override
    public void close() {
        closed = true;
        data.clear();
        slots.clear();
    }

    /** Registers a reader at {@code seq}, or at the latest state when {@code seq < 0}. */
    ReadPoint pin(long seq) {
        // Under the write lock, so no prune can be computing a horizon that ignores this reader.
        writeLock.lock();
        try {
            ReadPoint p = new ReadPoint(seq < 0 ? visibleSeq : seq, readPointIds.incrementAndGet());
            readPoints.add(p);
            return p;
        } finally {
            writeLock.unlock();
        }
    }

    void unpin(ReadPoint point) {
        // Pruning is lazy: the next write notices the higher horizon.
        readPoints.remove(point);
    }

    /** The newest version of {@code key}'s chain, or null when the key has none. */
    private Version chain(byte[] key) {
        Slot slot = slots.get(new Key(key));
        return slot == null ? null : slot.head;
    }

    /** Adds a version of {@code key} stamped {@code seq}; {@code key} is copied when it becomes a new slot's. */
    private void apply(byte[] key, byte[] value, long seq, List<Slot> touched) {
        Slot slot = slots.get(new Key(key));
        Version head = slot == null ? null : slot.head;
        if (value == null && (head == null || head.value == null)) return; // already absent
        Version next = head != null && head.seq == seq
                ? new Version(seq, value, head.older) // the same batch wrote this key before
                : new Version(seq, value, head);
        if (next.value == null && next.older == null) {
            remove(slot);
            return;
        }
        if (slot == null) {
            slot = new Slot(key.clone());
            slot.head = next;
            data.put(slot.bytes, slot);
            slots.put(slot, slot);
        } else {
            slot.head = next;
        }
        touched.add(slot);
    }

    private void prune(List<Slot> touched) {
        // ceiling, not first(): readers unpin without the lock, so the set may empty at any moment.
        ReadPoint oldest = readPoints.ceiling(OLDEST);
        long horizon = oldest == null ? visibleSeq : Math.min(oldest.seq(), visibleSeq);
        prunable.addAll(touched);
        // Re-examine every pending slot only when the horizon moved; otherwise just this batch's slots.
        List<Slot> pending = horizon != lastHorizon ? new ArrayList<>(prunable) : touched;
        lastHorizon = horizon;
        for (Slot slot : pending) {
            Version chain = slot.head;
            Version pruned = chain == null ? null : chain.prunedTo(horizon);
            if (pruned == null) {
                remove(slot);
            } else if (pruned != chain) {
                slot.head = pruned;
            }
            if (pruned == null || pruned.isCompact()) prunable.remove(slot);
        }
    }

    /** Drops a slot whose chain is empty; a reader still holding it sees the key absent. */
    private void remove(Slot slot) {
        if (slot == null || slot.head == null) return;
        slot.head = null;
        data.remove(slot.bytes, slot);
        slots.remove(slot, slot);
    }

    private MemorySnapshot own(Snapshot snapshot) {
        if (!(snapshot instanceof MemorySnapshot s) || s.owner != this) {
            throw new IllegalArgumentException("snapshot does not belong to this storage");
        }
        if (s.isClosed()) throw new IllegalStateException("snapshot is closed");
        return s;
    }

    private void ensureOpen() {
        if (closed) throw new StorageException("storage is closed");
    }

    private static byte[] copy(byte[] value) {
        return value == null ? null : value.clone();
    }

    /** A key's version chain; written under the write lock, read without it. Its own key in the hash index. */
    static final class Slot extends Key {
        /** Newest first; null once the key is dropped. */
        volatile Version head;

        Slot(byte[] key) {
            super(key);
        }
    }

    /** A byte-array key compared by content, for the hash index. */
    static class Key {
        final byte[] bytes;
        private final int hash;

        Key(byte[] bytes) {
            this.bytes = bytes;
            this.hash = Arrays.hashCode(bytes);
        }

        @Override
        public final int hashCode() {
            return hash;
        }

        @Override
        public final boolean equals(Object o) {
            return o instanceof Key k && hash == k.hash && Arrays.equals(bytes, k.bytes);
        }
    }
}
