package io.dynarocks.server;

import java.time.Duration;

/**
 * What one connection and all of them together may hold of the server, so that slow, idle or too many
 * clients cannot exhaust its memory or file descriptors.
 *
 * @param requestTimeout how long a request may take to arrive, from its first byte to the end of its body;
 *                       a client still sending after that (a slow-loris one) is disconnected
 * @param idleTimeout    how long a connection may stay open with no request; longer than the AWS SDKs' own
 *                       idle limit (60 s in the Java SDK v2), so that clients, not the server, close idle ones
 * @param inflightBytes  the request bytes all connections together may hold (received and not yet answered);
 *                       beyond it a request is answered 503 ServiceUnavailable; 0 for a quarter of the heap
 * @param queueTimeout   how long a request may wait for a worker (every worker busy, e.g. on a slow disk) before it
 *                       is answered 503 ServiceUnavailable without being executed; shorter than the SDKs' 30 s socket
 *                       timeout, so that clients get DynamoDB's retryable error rather than a timeout
 */
public record TransportLimits(Duration requestTimeout, Duration idleTimeout, long inflightBytes,
        Duration queueTimeout) {

    public static TransportLimits defaults() {
        return new TransportLimits(Duration.ofSeconds(30), Duration.ofSeconds(120), 0, Duration.ofSeconds(10));
    }

    /** The in-flight budget in bytes, the default resolved against this JVM's heap. */
    long inflightBudget() {
        return inflightBytes > 0 ? inflightBytes : Runtime.getRuntime().maxMemory() / 4;
    }

    public TransportLimits withRequestTimeout(Duration value) {
        return new TransportLimits(value, idleTimeout, inflightBytes, queueTimeout);
    }

    public TransportLimits withIdleTimeout(Duration value) {
        return new TransportLimits(requestTimeout, value, inflightBytes, queueTimeout);
    }

    public TransportLimits withInflightBytes(long value) {
        return new TransportLimits(requestTimeout, idleTimeout, value, queueTimeout);
    }

    public TransportLimits withQueueTimeout(Duration value) {
        return new TransportLimits(requestTimeout, idleTimeout, inflightBytes, value);
    }
}
