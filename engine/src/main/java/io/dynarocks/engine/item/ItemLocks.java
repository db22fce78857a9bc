package io.dynarocks.engine.item;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks on item storage keys. Writers of one item serialize; several stripes are always
 * taken in ascending stripe order, so multi-item writers never deadlock.
 */
public final class ItemLocks {

    private static final int STRIPES = 4096;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    /** Exact keys (not stripes, so hash neighbours never conflict) that a running transaction holds. */
    private final Set<ByteBuffer> inTransaction = ConcurrentHashMap.newKeySet();

    public ItemLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** Locks the stripes of all {@code keys}; close the result to unlock. */
    public Held lock(byte[]... keys) {
        // Single-item writes are the hot path: skip the stream that sorts and de-duplicates stripes.
        int[] ids = keys.length == 1 ? new int[] {stripe(keys[0])}
                : Arrays.stream(keys).mapToInt(ItemLocks::stripe).sorted().distinct().toArray();
        for (int id : ids) {
            stripes[id].lock();
        }
        return new Held(ids, List.of());
    }

    /**
     * Locks the stripes of all {@code keys} for a transaction and marks the keys as being in a
     * transaction until closed, so that other writers can report a transaction conflict.
     */
    public Held lockForTransaction(byte[]... keys) {
        Held held = lock(keys);
        List<ByteBuffer> marked = Arrays.stream(keys).map(ByteBuffer::wrap).toList();
        inTransaction.addAll(marked);
        return new Held(held.ids, marked);
    }

    /** Whether a running transaction holds {@code key}. */
    public boolean inTransaction(byte[] key) {
        return inTransaction.contains(ByteBuffer.wrap(key));
    }

    /**
     * Waits until every write holding a lock now has finished: a writer that read the catalog before a
     * change (e.g. a new index) cannot write after this returns.
     */
    public void barrier() {
        for (ReentrantLock stripe : stripes) {
            stripe.lock();
        }
        for (int i = STRIPES - 1; i >= 0; i--) {
            stripes[i].unlock();
        }
    }

    private static int stripe(byte[] key) {
        return Math.floorMod(Arrays.hashCode(key), STRIPES);
    }

    /** Locks held until closed. */
    public final class Held implements AutoCloseable {
        private final int[] ids;
        private final List<ByteBuffer> marked;

        private Held(int[] ids, List<ByteBuffer> marked) {
            this.ids = ids;
            this.marked = marked;
        }

        @Override
        public void close() {
            marked.forEach(inTransaction::remove);
            for (int i = ids.length - 1; i >= 0; i--) {
                stripes[ids[i]].unlock();
            }
        }
    }
}
