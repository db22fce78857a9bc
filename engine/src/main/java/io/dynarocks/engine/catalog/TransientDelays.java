package io.dynarocks.engine.catalog;

import java.time.Duration;
import java.util.Locale;

/**
 * How long tables, indexes and Time to Live stay in their transient statuses ({@code CREATING},
 * {@code UPDATING}, {@code DELETING}, {@code ENABLING}, {@code DISABLING}) before they settle, so that
 * application code that waits for them (the SDKs' waiters) is exercised. Zero (the default) settles at
 * once: tables are {@code ACTIVE} when CreateTable returns.
 *
 * @param table       CreateTable, UpdateTable and DeleteTable: the table is CREATING, UPDATING or DELETING
 * @param index       global secondary indexes created or deleted by UpdateTable: CREATING (backfilling) or DELETING
 * @param timeToLive  UpdateTimeToLive: ENABLING or DISABLING
 */
public record TransientDelays(Duration table, Duration index, Duration timeToLive) {

    /** Everything settles at once. */
    public static final TransientDelays NONE = new TransientDelays(Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /**
     * DynamoDB Local's {@code -delayTransientStatuses}: delays of the order DynamoDB takes for a small table,
     * short enough for a test suite.
     */
    public static final TransientDelays REALISTIC =
            new TransientDelays(Duration.ofSeconds(2), Duration.ofSeconds(5), Duration.ofSeconds(2));

    public TransientDelays {
        for (Duration d : new Duration[] {table, index, timeToLive}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("a transient status delay must be zero or more");
            }
        }
    }

    /** The same delay for everything. */
    public static TransientDelays all(Duration delay) {
        return new TransientDelays(delay, delay, delay);
    }

    /** This with the delay of {@code kind} ({@code table}, {@code index} or {@code ttl}) replaced. */
    public TransientDelays with(String kind, Duration delay) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "table" -> new TransientDelays(delay, index, timeToLive);
            case "index" -> new TransientDelays(table, delay, timeToLive);
            case "ttl" -> new TransientDelays(table, index, delay);
            default -> throw new IllegalArgumentException("unknown transient status kind " + kind
                    + " (expected table, index or ttl)");
        };
    }

    /** Whether anything passes through a transient status at all. */
    public boolean any() {
        return !table.isZero() || !index.isZero() || !timeToLive.isZero();
    }
}
