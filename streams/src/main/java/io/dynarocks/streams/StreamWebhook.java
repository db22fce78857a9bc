package io.dynarocks.streams;

import java.net.URI;
import java.time.Duration;

/**
 * A table whose stream batches are POSTed to {@code url} as Lambda's DynamoDB event JSON
 * ({@code {"Records":[...]}}), for handlers not written in Java. It follows the table: every stream
 * it has (enabled, or disabled less than 24 hours ago) and every stream it gets later (a table
 * created after the server started, a stream enabled again) is delivered from its start, each
 * stream in order per shard, different streams independently. A non-2xx answer fails the batch,
 * which is retried per {@code options}.
 */
public record StreamWebhook(String tableName, URI url, SubscriptionOptions options) {

    /** Batches of 100 from the start, 5 attempts a second apart, then the batch is skipped (and logged). */
    public static final SubscriptionOptions DEFAULT_OPTIONS = SubscriptionOptions.defaults()
            .withRetries(5, SubscriptionOptions.OnFailure.SKIP).withRetryDelay(Duration.ofSeconds(1));

    public StreamWebhook {
        if (tableName == null || tableName.isEmpty()) {
            throw new IllegalArgumentException("a stream webhook needs a table name");
        }
        if (url == null || !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException("a stream webhook needs an http or https URL, not " + url);
        }
    }

    /** Reads {@code TABLE=URL}, with the default options. */
    public static StreamWebhook parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0) {
            throw new IllegalArgumentException("expected TABLE=URL, not '" + text + "'");
        }
        try {
            return new StreamWebhook(text.substring(0, eq), URI.create(text.substring(eq + 1)), DEFAULT_OPTIONS);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("expected TABLE=URL, not '" + text + "': " + e.getMessage(), e);
        }
    }
}
