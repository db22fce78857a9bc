package io.dynarocks.storage;

/** A consistent point-in-time view of a {@link Storage}; close it to release what it pins. */
public interface Snapshot extends AutoCloseable {
    @Override
    void close();
}
