package io.dynarocks.storage;

/**
 * An ordered, transactional key-value store: the only thing the engine needs from a backend.
 *
 * <p>Keys and values are byte arrays; keys are ordered by unsigned lexicographic byte order.
 * Every mutation goes through one {@link WriteBatch} applied atomically.
 */
public interface Storage extends AutoCloseable {

    /** The value stored under {@code key} now, or {@code null}. */
    byte[] get(byte[] key);

    /** The value stored under {@code key} as of {@code snapshot}, or {@code null}. */
    byte[] get(Snapshot snapshot, byte[] key);

    /**
     * The values stored under {@code keys} now, in their order ({@code null} for a missing key): what
     * {@link #get(byte[])} of each key answers. A backend that reads several keys in one call for less
     * than as many point reads overrides it; decorators leave it, so it reaches their {@code get}.
     */
    default java.util.List<byte[]> getAll(java.util.List<byte[]> keys) {
        java.util.List<byte[]> values = new java.util.ArrayList<>(keys.size());
        for (byte[] key : keys) {
            values.add(get(key));
        }
        return values;
    }

    /**
     * Iterates keys in {@code [range.from, range.to)} in ascending order, or descending when
     * {@code reverse}, as of {@code snapshot} (or the latest state when {@code snapshot} is null).
     * The caller closes the iterator.
     */
    KeyValueIterator iterate(KeyRange range, boolean reverse, Snapshot snapshot);

    /** Applies every operation of the batch atomically: all or nothing, durable once it returns. */
    void write(WriteBatch batch);

    /** Backend statistics for metrics (name → value), cheap to read; empty when the backend has none. */
    default java.util.Map<String, Long> statistics() {
        return java.util.Map.of();
    }

    /**
     * True when other processes (other DynaRocks servers) write this store too. The engine's in-process
     * item locks then no longer make a read-modify-write safe, so it {@linkplain WriteBatch#expect
     * expects} what it read and retries on {@link WriteConflictException}; a store only this process
     * writes skips those checks.
     */
    default boolean shared() {
        return false;
    }

    /**
     * Calls {@code listener} with each key starting with {@code prefix} that changes from now on,
     * whichever process wrote it, or with null when changes may have been missed (reload everything).
     * Calls come from a background thread, after the change is visible to reads. A store no other
     * process writes never calls it: this process's writers update their own caches. Close the result
     * to stop.
     */
    default AutoCloseable watch(byte[] prefix, java.util.function.Consumer<byte[]> listener) {
        return () -> { };
    }

    /**
     * Runs {@code task} only while this process holds the cluster-wide lease named {@code name}, so
     * background work (TTL sweeps, stream trimming) runs once per cluster however many servers share
     * the store; returns false without running it otherwise. A store no other process writes always
     * runs it.
     */
    default boolean runIfLeader(String name, Runnable task) {
        task.run();
        return true;
    }

    /** Whether the store holds writes back: RocksDB's write stall conditions. */
    enum WriteStall {
        /** Writes go through. */
        NONE,
        /** Writes are slowed down, each by a short sleep (compaction falling behind). */
        DELAYED,
        /** Writes wait until the store catches up (memtables waiting for a flush, too many level-0 files). */
        STOPPED
    }

    /** Whether a write now would be held back by the store; cheap to read. */
    default WriteStall writeStall() {
        return WriteStall.NONE;
    }

    /** A consistent point-in-time view; the caller closes it. */
    Snapshot snapshot();

    @Override
    void close();
}
