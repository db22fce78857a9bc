package io.dynarocks.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A list of mutations that a {@link Storage} applies atomically, in order. */
public final class WriteBatch {

    /** One mutation. */
    public sealed interface Op permits Put, Delete, DeleteRange, Add {}

    public record Put(byte[] key, byte[] value) implements Op {}

    public record Delete(byte[] key) implements Op {}

    /** Deletes every key in {@code [from, to)}. */
    public record DeleteRange(byte[] from, byte[] to) implements Op {}

    /**
     * Adds {@code delta} to the counter under {@code key}: a signed 64-bit integer stored as 8
     * little-endian bytes (see {@link #counter}), an absent key counting as 0. Backends apply it
     * without reading the old value first (RocksDB: a merge), so concurrent batches adding to one
     * counter never lose an update and never wait for each other.
     */
    public record Add(byte[] key, long delta) implements Op {}

    /**
     * A condition on the whole batch: {@code key} must hold exactly {@code value} (null: be absent) when
     * the batch commits, or the batch fails with {@link WriteConflictException} and writes nothing. The
     * engine expects what it read, so a read-modify-write is safe without any lock shared between
     * processes (optimistic commit); backends serving one process check it under their own write lock.
     */
    public record Expect(byte[] key, byte[] value) {}

    private final List<Op> ops = new ArrayList<>();
    private final List<Expect> expectations = new ArrayList<>();
    /**
     * Position in {@link #ops} of the last {@link Add} of each counter with no put, delete or delete-range
     * of that counter after it: a further add to the counter folds into it, so a batch of many items
     * merges each counter once.
     */
    private Map<ByteBuffer, Integer> foldable;

    public WriteBatch put(byte[] key, byte[] value) {
        forget(key);
        ops.add(new Put(key, value));
        return this;
    }

    public WriteBatch delete(byte[] key) {
        forget(key);
        ops.add(new Delete(key));
        return this;
    }

    public WriteBatch deleteRange(byte[] from, byte[] to) {
        foldable = null;
        ops.add(new DeleteRange(from, to));
        return this;
    }

    public WriteBatch add(byte[] key, long delta) {
        if (foldable == null) {
            foldable = new HashMap<>();
        }
        Integer at = foldable.putIfAbsent(ByteBuffer.wrap(key), ops.size());
        if (at == null) {
            ops.add(new Add(key, delta));
        } else {
            ops.set(at, new Add(key, ((Add) ops.get(at)).delta() + delta));
        }
        return this;
    }

    private void forget(byte[] key) {
        if (foldable != null && !foldable.isEmpty()) {
            foldable.remove(ByteBuffer.wrap(key));
        }
    }

    /** Commits only if {@code key} still holds {@code value} (null: is still absent); see {@link Expect}. */
    public WriteBatch expect(byte[] key, byte[] value) {
        expectations.add(new Expect(key, value));
        return this;
    }

    /** The value of a counter written by {@link #add}: 0 when absent. */
    public static long counter(byte[] value) {
        if (value == null) {
            return 0;
        }
        if (value.length != Long.BYTES) {
            throw new StorageException("a counter holds 8 bytes, found " + value.length);
        }
        return ByteBuffer.wrap(value).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    /** The stored form of a counter's value. */
    public static byte[] counterBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
    }

    public List<Op> ops() {
        return Collections.unmodifiableList(ops);
    }

    public List<Expect> expectations() {
        return Collections.unmodifiableList(expectations);
    }

    /** True when the batch changes nothing (it may still carry expectations, which then need no check). */
    public boolean isEmpty() {
        return ops.isEmpty();
    }
}
