package io.dynarocks.storage;

import java.util.Arrays;

/** A half-open key range {@code [from, to)}; {@code to == null} means unbounded above. */
public record KeyRange(byte[] from, byte[] to) {

    /** All keys starting with {@code prefix}. */
    public static KeyRange prefix(byte[] prefix) {
        return new KeyRange(prefix, Bytes.prefixEnd(prefix));
    }

    public boolean contains(byte[] key) {
        return Arrays.compareUnsigned(key, from) >= 0 && (to == null || Arrays.compareUnsigned(key, to) < 0);
    }
}
