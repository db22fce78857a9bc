package io.dynarocks.streams;

import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.TimeUnit;

/**
 * The live part of one stream: its sequence counter, current generation, and the records whose
 * sequence numbers are allocated but whose write batches may not be committed yet.
 *
 * <p>Sequence numbers are allocated under the item lock, so one item's records are ordered; but two
 * items in one shard may commit out of allocation order. Readers therefore only read up to the
 * {@linkplain #visibleLimit visible limit}, below the oldest uncommitted allocation, so an iterator
 * can never move past a record that appears later.
 *
 * <p>On a store several servers share, no process sees the others' allocations, so numbers come from
 * the stored sequence key instead ({@link #allocateShared}): each batch reads it, writes the next
 * number and expects it unchanged, so numbers are unique and in commit order, and every number up to
 * the stored one is committed: readers read up to it.
 */
final class StreamState {

    /** A batch that failed after allocation never commits; after this long its number is given up. */
    private static final long ABANDON_NANOS = TimeUnit.SECONDS.toNanos(10);

    private record Pending(byte[] recordKey, long allocatedNanos) {}

    /** A record's sequence number and creation time, allocated together so that both only grow. */
    record Allocation(long seq, long createdMillis) {}

    private volatile StreamDescriptor descriptor;
    private final ConcurrentSkipListMap<Long, Pending> pending = new ConcurrentSkipListMap<>();
    private long counter;
    private int generation;
    private volatile long maxSeq;
    private long lastCreatedMillis;

    StreamState(StreamDescriptor descriptor, long storedMaxSeq) {
        this(descriptor, storedMaxSeq, 0);
    }

    StreamState(StreamDescriptor descriptor, long storedMaxSeq, long newestCreatedMillis) {
        this.descriptor = descriptor;
        this.lastCreatedMillis = newestCreatedMillis;
        this.counter = storedMaxSeq & ((1L << Shard.GENERATION_SHIFT) - 1);
        this.generation = (int) (storedMaxSeq >>> Shard.GENERATION_SHIFT);
        this.maxSeq = storedMaxSeq;
    }

    StreamDescriptor descriptor() {
        return descriptor;
    }

    void descriptor(StreamDescriptor d) {
        descriptor = d;
    }

    /**
     * Allocates the next record of hash range {@code range} written at {@code now}. Its creation time is
     * {@code now}, or the previous record's if the clock went back: retention is judged by record times
     * in sequence order, so a record stamped earlier than the one before it would be reported trimmed
     * while its predecessor is not (and a reader behind it stuck), and a trim would stop short of it.
     */
    synchronized Allocation next(int range, long now) {
        lastCreatedMillis = Math.max(lastCreatedMillis, now);
        return new Allocation(allocate(range, lastCreatedMillis), lastCreatedMillis);
    }

    /** Allocates the next sequence number for a record of hash range {@code range} written at {@code now}. */
    synchronized long allocate(int range, long now) {
        int gen = advance(now);
        long seq = ((long) gen << Shard.GENERATION_SHIFT) | ++counter;
        pending.put(seq, new Pending(StreamKeys.record(descriptor, range, seq), System.nanoTime()));
        maxSeq = seq;
        return seq;
    }

    /**
     * Allocates the next sequence number on a shared store: after the stored one (or the one an earlier
     * change of {@code batch} took), in a generation never older than the stored one's.
     */
    synchronized long allocateShared(Storage storage, WriteBatch batch, int range, long now) {
        byte[] key = StreamKeys.sequence(descriptor);
        byte[] last = null;
        boolean staged = false;
        for (WriteBatch.Op op : batch.ops()) {
            if (op instanceof WriteBatch.Put p && java.util.Arrays.equals(p.key(), key)) {
                last = p.value();
                staged = true;
            }
        }
        if (!staged) {
            last = storage.get(key);
            batch.expect(key, last);
        }
        long stored = last == null ? maxSeq : StreamKeys.position(last);
        long mask = (1L << Shard.GENERATION_SHIFT) - 1;
        int gen = Math.max(advance(now), (int) (stored >>> Shard.GENERATION_SHIFT));
        long seq = ((long) gen << Shard.GENERATION_SHIFT) | ((stored & mask) + 1);
        batch.put(key, StreamKeys.position(seq));
        maxSeq = Math.max(maxSeq, seq);
        return seq;
    }

    /**
     * The current generation; never goes back, so once a reader has seen a shard closed no writer
     * can still put a record into it. A disabled stream stays in the generation it ended in.
     */
    synchronized int generation(long now) {
        return advance(now);
    }

    private int advance(long now) {
        StreamDescriptor d = descriptor;
        long at = d.enabled() ? now : Math.min(now, d.endMillis());
        long g = Math.max(0, (at - d.startMillis()) / d.periodMillis());
        generation = (int) Math.max(generation, Math.min(g, 0xFFFFFF));
        return generation;
    }

    /**
     * Every record with a sequence number up to this one is committed (or abandoned).
     * {@code sealedThrough} is the last sequence number of a closed shard (all of whose numbers are
     * allocated already), or -1.
     */
    long visibleLimit(Storage storage, long sealedThrough) {
        if (storage.shared()) {
            byte[] stored = storage.get(StreamKeys.sequence(descriptor));
            return Math.max(stored == null ? maxSeq : StreamKeys.position(stored), sealedThrough);
        }
        long limit = Math.max(maxSeq, sealedThrough);
        prune(storage);
        Map.Entry<Long, Pending> first = pending.firstEntry();
        return first == null ? limit : Math.min(limit, first.getKey() - 1);
    }

    /** Forgets allocations that are committed or abandoned, oldest first, up to the first still in flight. */
    void prune(Storage storage) {
        long now = System.nanoTime();
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            if (storage.get(p.recordKey()) == null && now - p.allocatedNanos() < ABANDON_NANOS) {
                return;
            }
            pending.remove(e.getKey(), p);
        }
    }
}
