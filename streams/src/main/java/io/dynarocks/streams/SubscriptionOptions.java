package io.dynarocks.streams;

import java.time.Duration;

/**
 * How a subscription delivers: batch size (1..1000), where it starts, how often a failing batch is
 * attempted, and what happens after the last failed attempt (skip the batch or stop, as Lambda's
 * {@code MaximumRetryAttempts} with or without a failure destination).
 *
 * @param retryDelay   pause before retrying a failed batch
 * @param pollInterval pause when no shard had new records
 */
public record SubscriptionOptions(int batchSize, StartingPosition startingPosition, int maxAttempts,
        OnFailure onFailure, Duration retryDelay, Duration pollInterval) {

    /** Where a new subscription starts reading. */
    public enum StartingPosition { TRIM_HORIZON, LATEST }

    /** What to do with a batch that failed {@code maxAttempts} times. */
    public enum OnFailure { SKIP, STOP }

    public SubscriptionOptions {
        if (batchSize < 1 || batchSize > 1000) {
            throw new IllegalArgumentException("batchSize must be 1..1000");
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }

    /** Batches of 100 from TRIM_HORIZON, 3 attempts per batch, then stop. */
    public static SubscriptionOptions defaults() {
        return new SubscriptionOptions(100, StartingPosition.TRIM_HORIZON, 3, OnFailure.STOP,
                Duration.ofMillis(10), Duration.ofMillis(20));
    }

    public SubscriptionOptions withBatchSize(int value) {
        return new SubscriptionOptions(value, startingPosition, maxAttempts, onFailure, retryDelay, pollInterval);
    }

    public SubscriptionOptions withStartingPosition(StartingPosition value) {
        return new SubscriptionOptions(batchSize, value, maxAttempts, onFailure, retryDelay, pollInterval);
    }

    public SubscriptionOptions withRetries(int attempts, OnFailure then) {
        return new SubscriptionOptions(batchSize, startingPosition, attempts, then, retryDelay, pollInterval);
    }

    public SubscriptionOptions withRetryDelay(Duration value) {
        return new SubscriptionOptions(batchSize, startingPosition, maxAttempts, onFailure, value, pollInterval);
    }
}
