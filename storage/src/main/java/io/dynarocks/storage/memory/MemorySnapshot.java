package io.dynarocks.storage.memory;

import io.dynarocks.storage.Snapshot;
import java.util.concurrent.atomic.AtomicBoolean;

/** A {@link MemoryStorage} snapshot: a pinned sequence number. */
final class MemorySnapshot implements Snapshot {
    final MemoryStorage owner;
    final ReadPoint point;
    private final AtomicBoolean closed = new AtomicBoolean();

    MemorySnapshot(MemoryStorage owner, ReadPoint point) {
        this.owner = owner;
        this.point = point;
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) owner.unpin(point);
    }
}
