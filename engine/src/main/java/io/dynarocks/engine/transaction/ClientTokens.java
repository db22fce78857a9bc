package io.dynarocks.engine.transaction;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dynarocks.protocol.DynamoException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * TransactWriteItems' ClientRequestToken idempotency: a token is remembered for 10 minutes after
 * its transaction succeeded, with a digest of its parameters. Tokens are kept in memory only, so
 * they do not survive a restart; a cancelled or failed transaction forgets its token, so a retry
 * with the same token runs again, as in DynamoDB.
 */
public final class ClientTokens {

    /** DynamoDB's idempotency window. */
    public static final Duration WINDOW = Duration.ofMinutes(10);
    private static final long MAX_TOKENS = 100_000;

    /** A token's transaction: running while {@code capacity} is null, else succeeded. */
    private record Entry(byte[] digest, TransactionCapacity capacity) {}

    private final Cache<String, Entry> tokens;

    public ClientTokens(Clock clock) {
        this.tokens = Caffeine.newBuilder()
                .expireAfterWrite(WINDOW)
                .maximumSize(MAX_TOKENS)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .build();
    }

    /**
     * Claims {@code token} for a run. Returns null when the caller should run the transaction, or
     * the capacity of the earlier successful run with identical parameters, which must not run again.
     *
     * @throws DynamoException IdempotentParameterMismatchException when the parameters differ,
     *                         TransactionInProgressException while the first run is still going
     */
    public TransactionCapacity begin(String token, byte[] digest) {
        Entry existing = tokens.asMap().putIfAbsent(token, new Entry(digest, null));
        if (existing == null) {
            return null;
        }
        if (!Arrays.equals(existing.digest(), digest)) {
            throw DynamoException.idempotentParameterMismatch();
        }
        if (existing.capacity() == null) {
            throw DynamoException.transactionInProgress();
        }
        return existing.capacity();
    }

    /** Records the success; the 10 minutes start now. */
    public void succeeded(String token, byte[] digest, TransactionCapacity capacity) {
        tokens.put(token, new Entry(digest, capacity));
    }

    public void failed(String token) {
        tokens.invalidate(token);
    }
}
