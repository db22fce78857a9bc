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

    /** A consistent point-in-time view; the caller closes it. */
    Snapshot snapshot();

    @Override
    void close();
}
