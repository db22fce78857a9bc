package io.dynarocks.storage;

/** An unchecked failure of the storage backend (I/O error, corruption, use after close). */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
