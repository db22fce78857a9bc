package io.dynarocks.storage;

/** An unchecked failure of the storage backend (I/O error, corruption, use after close). */
public class StorageException extends RuntimeException {

    /** Stored data failed its checksums: starting again will not help, a repair or a backup may. */
    public static final class Corruption extends StorageException {
        public Corruption(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The store holds writes back (a write stall) and the writer asked not to wait ({@link NonBlockingWrites}):
     * nothing was written, so the write can be tried again later as it is.
     */
    public static final class Stalled extends StorageException {
        public Stalled(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The store could not be reached or could not answer for now (e.g. a distributed store electing a
     * leader), after the backend's own retries. Transient: nothing is wrong with the request or the data.
     * A read may be tried again as it is; a write's outcome may be unknown, as the message says.
     */
    public static final class Unavailable extends StorageException {
        public Unavailable(String message) {
            super(message);
        }

        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }

        /** The store's unavailability that caused {@code failure} (itself or a cause of it), or null. */
        public static Unavailable causing(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                if (t instanceof Unavailable u) {
                    return u;
                }
            }
            return null;
        }
    }

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
