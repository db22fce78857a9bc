package io.dynarocks.engine;

import io.dynarocks.storage.ForwardingStorage;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.memory.MemoryStorage;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One in-memory store shared by several engines, as servers share an etcd cluster: each engine gets its
 * own {@linkplain #server() view}, which says it is shared and whose watches hear every view's writes. A
 * watch is told of a change right after it commits, on the writer's thread (the earliest a real watch can
 * be), and a test can run something just before a view's next read of a key or write of a batch, to
 * interleave another server's change with deterministic timing.
 */
public final class SharedStore implements AutoCloseable {

    private final MemoryStorage inner = new MemoryStorage();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();

    private record Watch(byte[] prefix, Consumer<byte[]> listener) {}

    /** A new server's view of the store. */
    public View server() {
        return new View();
    }

    @Override
    public void close() {
        inner.close();
    }

    private void changed(WriteBatch batch) {
        for (WriteBatch.Op op : batch.ops()) {
            byte[] key = op instanceof WriteBatch.Put p ? p.key() : op instanceof WriteBatch.Delete d ? d.key() : null;
            for (Watch w : watches) {
                if (key != null && startsWith(key, w.prefix())) {
                    w.listener().accept(key);
                } else if (op instanceof WriteBatch.DeleteRange) {
                    w.listener().accept(null);
                }
            }
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** One server's view: shared, watched, with optional one-shot actions before a read or a write. */
    public final class View extends ForwardingStorage {

        private final AtomicReference<Runnable> beforeRead = new AtomicReference<>();
        private volatile byte[] readPrefix;
        private final AtomicReference<Runnable> beforeWrite = new AtomicReference<>();
        private volatile Predicate<WriteBatch> writeMatches;

        private View() {
            super(inner);
        }

        /** Runs {@code action} once, just before this view's next read of a key starting with {@code prefix}. */
        public void beforeNextAccess(byte[] prefix, Runnable action) {
            readPrefix = prefix.clone();
            beforeRead.set(action);
        }

        /** Runs {@code action} once, just before this view's next write of a batch that {@code matches}. */
        public void beforeNextWrite(Predicate<WriteBatch> matches, Runnable action) {
            writeMatches = matches;
            beforeWrite.set(action);
        }

        @Override
        public byte[] get(byte[] key) {
            Runnable action = beforeRead.get();
            if (action != null && startsWith(key, readPrefix) && beforeRead.compareAndSet(action, null)) {
                action.run();
            }
            return inner.get(key);
        }

        @Override
        public void write(WriteBatch batch) {
            Runnable action = beforeWrite.get();
            if (action != null && writeMatches.test(batch) && beforeWrite.compareAndSet(action, null)) {
                action.run();
            }
            inner.write(batch);
            changed(batch);
        }

        @Override
        public boolean shared() {
            return true;
        }

        @Override
        public AutoCloseable watch(byte[] prefix, Consumer<byte[]> listener) {
            Watch w = new Watch(prefix.clone(), listener);
            watches.add(w);
            return () -> watches.remove(w);
        }

        @Override
        public void close() {
            // the store outlives each server
        }
    }
}
