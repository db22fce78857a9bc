package io.dynarocks.server;

/** Told about every dispatched request, HTTP or in-process; metrics and request logging listen so. */
@FunctionalInterface
public interface RequestListener {

    /**
     * @param target    the {@code X-Amz-Target} as sent (may be null or unknown)
     * @param status    the HTTP status of the reply
     * @param errorType the error name (e.g. {@code ValidationException}), null on success
     * @param nanos     time spent decoding, executing and encoding
     */
    void completed(String target, int status, String errorType, long nanos);

    /** A listener that tells this one, then {@code next}. */
    default RequestListener andThen(RequestListener next) {
        return (target, status, errorType, nanos) -> {
            completed(target, status, errorType, nanos);
            next.completed(target, status, errorType, nanos);
        };
    }

    /** Listens to nothing. */
    static RequestListener none() {
        return (target, status, errorType, nanos) -> { };
    }
}
