package io.dynarocks.storage;

import java.util.Map;
import java.util.function.Consumer;

/**
 * A storage that hands every call to another: the base of decorators, which override only what they change
 * (counting reads, encrypting values) and forward the rest, the capabilities of shared stores included.
 */
public abstract class ForwardingStorage implements Storage {

    /** The storage every call not overridden goes to. */
    protected final Storage delegate;

    protected ForwardingStorage(Storage delegate) {
        this.delegate = delegate;
    }

    @Override
    public byte[] get(byte[] key) {
        return delegate.get(key);
    }

    @Override
    public byte[] get(Snapshot snapshot, byte[] key) {
        return delegate.get(snapshot, key);
    }

    @Override
    public KeyValueIterator iterate(KeyRange range, boolean reverse, Snapshot snapshot) {
        return delegate.iterate(range, reverse, snapshot);
    }

    @Override
    public void write(WriteBatch batch) {
        delegate.write(batch);
    }

    @Override
    public Map<String, Long> statistics() {
        return delegate.statistics();
    }

    @Override
    public boolean shared() {
        return delegate.shared();
    }

    @Override
    public AutoCloseable watch(byte[] prefix, Consumer<byte[]> listener) {
        return delegate.watch(prefix, listener);
    }

    @Override
    public boolean runIfLeader(String name, Runnable task) {
        return delegate.runIfLeader(name, task);
    }

    @Override
    public WriteStall writeStall() {
        return delegate.writeStall();
    }

    @Override
    public Snapshot snapshot() {
        return delegate.snapshot();
    }

    @Override
    public void close() {
        delegate.close();
    }

    /** An iterator that hands every call to another, for decorators to override what they change. */
    public static class ForwardingIterator implements KeyValueIterator {

        protected final KeyValueIterator delegate;

        public ForwardingIterator(KeyValueIterator delegate) {
            this.delegate = delegate;
        }

        @Override
        public boolean next() {
            return delegate.next();
        }

        @Override
        public byte[] key() {
            return delegate.key();
        }

        @Override
        public byte[] value() {
            return delegate.value();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
