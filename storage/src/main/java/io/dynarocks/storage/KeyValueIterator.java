package io.dynarocks.storage;

/** A cursor over key-value pairs in key order; close it when done. */
public interface KeyValueIterator extends AutoCloseable {

    /** Moves to the next pair; false when exhausted. Must be called before the first {@link #key()}. */
    boolean next();

    byte[] key();

    byte[] value();

    @Override
    void close();
}
