package io.dynarocks.storage.etcd;

import java.util.Arrays;
import java.util.Collection;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Striped in-process locks on counter keys. Not what keeps counters exact (etcd's revision comparison
 * does, across processes too): they only stop threads of one process from invalidating each other's
 * comparisons. Stripes are taken in ascending order, so no deadlock.
 */
final class CounterLocks {

    private static final int STRIPES = 256;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    CounterLocks() {
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    Held lock(Collection<byte[]> keys) {
        int[] ids = keys.stream().mapToInt(k -> Math.floorMod(Arrays.hashCode(k), STRIPES)).sorted().distinct().toArray();
        for (int id : ids) {
            stripes[id].lock();
        }
        return new Held(ids);
    }

    /** Locks held until closed. */
    final class Held implements AutoCloseable {
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
