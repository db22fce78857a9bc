package io.dynarocks.storage;

/**
 * A batch's {@linkplain WriteBatch#expect expectation} did not hold when it was to commit: another
 * writer (possibly another process on the same store) changed a key in between. Nothing was written;
 * the caller re-reads and tries again.
 */
public class WriteConflictException extends StorageException {

    public WriteConflictException(String message) {
        super(message);
    }
}
