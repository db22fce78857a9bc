package io.dynarocks.storage;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A storage decorator that counts point reads and iterated entries, so tests can prove an
 * operation's cost in storage reads (a Query reads one partition; a TTL sweep reads only what expired).
 */
public final class CountingStorage extends ForwardingStorage {

    private final AtomicLong gets = new AtomicLong();
    private final AtomicLong iterated = new AtomicLong();

    public CountingStorage(Storage delegate) {
        super(delegate);
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
        return new ForwardingIterator(delegate.iterate(range, reverse, snapshot)) {
            @Override
            public boolean next() {
                boolean more = delegate.next();
                if (more) {
                    iterated.incrementAndGet();
                }
                return more;
            }
        };
    }
}
