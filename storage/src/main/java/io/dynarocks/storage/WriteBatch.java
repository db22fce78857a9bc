package io.dynarocks.storage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A list of mutations that a {@link Storage} applies atomically, in order. */
public final class WriteBatch {

    /** One mutation. */
    public sealed interface Op permits Put, Delete, DeleteRange {}

    public record Put(byte[] key, byte[] value) implements Op {}

    public record Delete(byte[] key) implements Op {}

    /** Deletes every key in {@code [from, to)}. */
    public record DeleteRange(byte[] from, byte[] to) implements Op {}

    private final List<Op> ops = new ArrayList<>();

    public WriteBatch put(byte[] key, byte[] value) {
        ops.add(new Put(key, value));
        return this;
    }

    public WriteBatch delete(byte[] key) {
        ops.add(new Delete(key));
        return this;
    }

    public WriteBatch deleteRange(byte[] from, byte[] to) {
        ops.add(new DeleteRange(from, to));
        return this;
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public boolean isEmpty() {
        return ops.isEmpty();
    }
}
