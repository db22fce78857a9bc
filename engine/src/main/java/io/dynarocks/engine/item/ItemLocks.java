package io.dynarocks.engine.item;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped locks on item storage keys. Writers of one item serialize; several stripes are always
 * taken in ascending stripe order, so multi-item writers never deadlock.
 */
public final class ItemLocks {

    private static final int STRIPES = 4096;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

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
        return new Held(ids);
    }

    private static int stripe(byte[] key) {
        return Math.floorMod(Arrays.hashCode(key), STRIPES);
    }

    /** Locks held until closed. */
    public final class Held implements AutoCloseable {
        private final int[] ids;

        private Held(int[] ids) {
            this.ids = ids;
        }

        @Override
        public void close() {
            for (int i = ids.length - 1; i >= 0; i--) {
                stripes[ids[i]].unlock();
            }
        }
    }
}
