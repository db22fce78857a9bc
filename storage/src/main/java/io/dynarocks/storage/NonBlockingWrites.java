package io.dynarocks.storage;

/**
 * Marks the writes a thread makes as ones that must not wait for a store that holds writes back (RocksDB's
 * write stall: too many memtables or level-0 files, or too much compaction debt, e.g. on a slow disk). Such
 * a write fails at once with {@link StorageException.Stalled}, having applied nothing, instead of blocking
 * the thread until the store catches up; a network thread serving many connections cannot afford that wait.
 */
public final class NonBlockingWrites {

    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private NonBlockingWrites() {}

    /** Runs {@code task} with its writes refused rather than held back by a stalled store. */
    public static void run(Runnable task) {
        Boolean before = ACTIVE.get();
        ACTIVE.set(Boolean.TRUE);
        try {
            task.run();
        } finally {
            ACTIVE.set(before);
        }
    }

    /** True inside {@link #run}: a write the store would hold back must fail instead. */
    public static boolean active() {
        return ACTIVE.get();
    }
}
