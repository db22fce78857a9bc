package io.dynarocks.storage;

/** An unchecked failure of the storage backend (I/O error, corruption, use after close). */
public class StorageException extends RuntimeException {

    /** Stored data failed its checksums: starting again will not help, a repair or a backup may. */
    public static final class Corruption extends StorageException {
        public Corruption(String message, Throwable cause) {
            super(message, cause);
        }
    }

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
