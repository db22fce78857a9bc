package io.dynarocks.engine.catalog;

import java.time.Duration;
import java.util.Locale;

/**
 * How long tables, indexes, Time to Live and global table replicas stay in their transient statuses ({@code CREATING},
 * {@code UPDATING}, {@code DELETING}, {@code ENABLING}, {@code DISABLING}) before they settle, so that
 * application code that waits for them (the SDKs' waiters) is exercised. Zero (the default) settles at
 * once: tables are {@code ACTIVE} when CreateTable returns.
 *
 * @param table       CreateTable, UpdateTable and DeleteTable: the table is CREATING, UPDATING or DELETING
 * @param index       global secondary indexes created or deleted by UpdateTable: CREATING (backfilling) or DELETING
 * @param timeToLive  UpdateTimeToLive: ENABLING or DISABLING
 * @param replica     global table replicas added or removed by UpdateTable's ReplicaUpdates: CREATING (at least
 *                    until their backfill ends) or DELETING
 */
public record TransientDelays(Duration table, Duration index, Duration timeToLive, Duration replica) {

    /** Everything settles at once. */
    public static final TransientDelays NONE = all(Duration.ZERO);

    /**
     * DynamoDB Local's {@code -delayTransientStatuses}: delays of the order DynamoDB takes for a small table,
     * short enough for a test suite.
     */
    public static final TransientDelays REALISTIC = new TransientDelays(Duration.ofSeconds(2), Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofSeconds(5));

    public TransientDelays {
        for (Duration d : new Duration[] {table, index, timeToLive, replica}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("a transient status delay must be zero or more");
            }
        }
    }

    /** Tables, indexes and Time to Live delayed; replicas CREATING until their backfill ends only. */
    public TransientDelays(Duration table, Duration index, Duration timeToLive) {
        this(table, index, timeToLive, Duration.ZERO);
    }

    /** The same delay for everything. */
    public static TransientDelays all(Duration delay) {
        return new TransientDelays(delay, delay, delay, delay);
    }

    /** This with the delay of {@code kind} ({@code table}, {@code index}, {@code ttl} or {@code replica}) replaced. */
    public TransientDelays with(String kind, Duration delay) {
        return switch (kind.toLowerCase(Locale.ROOT)) {
            case "table" -> new TransientDelays(delay, index, timeToLive, replica);
            case "index" -> new TransientDelays(table, delay, timeToLive, replica);
            case "ttl" -> new TransientDelays(table, index, delay, replica);
            case "replica" -> new TransientDelays(table, index, timeToLive, delay);
            default -> throw new IllegalArgumentException("unknown transient status kind " + kind
                    + " (expected table, index, ttl or replica)");
        };
    }

    /** Whether anything passes through a transient status at all. */
    public boolean any() {
        return !table.isZero() || !index.isZero() || !timeToLive.isZero() || !replica.isZero();
    }
}
