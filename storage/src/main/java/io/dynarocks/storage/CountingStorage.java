package io.dynarocks.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A storage decorator that counts point reads and iterated entries, so tests can prove an
 * operation's cost in storage reads (a Query reads one partition; a TTL sweep reads only what expired).
 */
public final class CountingStorage implements Storage {

    private final Storage delegate;
    private final AtomicLong gets = new AtomicLong();
    private final AtomicLong iterated = new AtomicLong();

    public CountingStorage(Storage delegate) {
        this.delegate = delegate;
    }

    /** Point reads so far. */
    public long gets() {
        return gets.get();
    }

    /** Entries returned by iterators so far. */
    public long iterated() {
        return iterated.get();
    }

    /** Point reads plus iterated entries. */
    public long reads() {
        return gets.get() + iterated.get();
    }

    public void reset() {
        gets.set(0);
        iterated.set(0);
    }

    @Override
    public byte[] get(byte[] key) {
        gets.incrementAndGet();
        return delegate.get(key);
    }

    @Override
    public byte[] get(Snapshot snapshot, byte[] key) {
        gets.incrementAndGet();
        return delegate.get(snapshot, key);
    }

    @Override
    public KeyValueIterator iterate(KeyRange range, boolean reverse, Snapshot snapshot) {
        KeyValueIterator it = delegate.iterate(range, reverse, snapshot);
        return new KeyValueIterator() {
            @Override
            public boolean next() {
                boolean more = it.next();
                if (more) {
                    iterated.incrementAndGet();
                }
                return more;
            }

            @Override
            public byte[] key() {
                return it.key();
            }

            @Override
            public byte[] value() {
                return it.value();
            }

            @Override
            public void close() {
                it.close();
            }
        };
    }

    @Override
    public void write(WriteBatch batch) {
        delegate.write(batch);
    }

    @Override
    public boolean shared() {
        return delegate.shared();
    }

    @Override
    public AutoCloseable watch(byte[] prefix, java.util.function.Consumer<byte[]> listener) {
        return delegate.watch(prefix, listener);
    }

    @Override
    public boolean runIfLeader(String name, Runnable task) {
        return delegate.runIfLeader(name, task);
    }

    @Override
    public Snapshot snapshot() {
        return delegate.snapshot();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
