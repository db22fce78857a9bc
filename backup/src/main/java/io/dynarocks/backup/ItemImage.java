package io.dynarocks.backup;

/**
 * A consistent set of one table's items, each given as its storage key after the table id (index id,
 * partition hash, encoded keys) and its stored value: what a restore or an export reads.
 */
@FunctionalInterface
public interface ItemImage {

    /** Receives one item. */
    @FunctionalInterface
    interface Sink {
        void accept(byte[] relativeKey, byte[] value);
    }

    void forEach(Sink sink);
}
