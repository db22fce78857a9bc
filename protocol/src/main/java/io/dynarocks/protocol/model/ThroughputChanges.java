package io.dynarocks.protocol.model;

/**
 * When the provisioned throughput of a table or global index last went up and down, and how many decreases the
 * UTC day of the last one saw: what DescribeTable reports as LastIncreaseDateTime, LastDecreaseDateTime and
 * NumberOfDecreasesToday, kept in the catalog so a restart forgets none of them (0 millis: never).
 */
public record ThroughputChanges(long lastIncreaseMillis, long lastDecreaseMillis, int decreasesThatDay) {

    public static final ThroughputChanges NONE = new ThroughputChanges(0, 0, 0);

    private static final long DAY_MILLIS = 86_400_000L;

    /** Decreases in the UTC day of {@code nowMillis}: the count restarts at each UTC midnight. */
    public int decreasesToday(long nowMillis) {
        return lastDecreaseMillis != 0 && utcDay(lastDecreaseMillis) == utcDay(nowMillis) ? decreasesThatDay : 0;
    }

    /** These changes as of {@code nowMillis}: the count of a past UTC day reads 0. */
    public ThroughputChanges asOf(long nowMillis) {
        int today = decreasesToday(nowMillis);
        return today == decreasesThatDay ? this : new ThroughputChanges(lastIncreaseMillis, lastDecreaseMillis, today);
    }

    /** These changes and a decrease at {@code nowMillis}. */
    public ThroughputChanges decreased(long nowMillis) {
        return new ThroughputChanges(lastIncreaseMillis, nowMillis, decreasesToday(nowMillis) + 1);
    }

    /** These changes and an increase at {@code nowMillis}. */
    public ThroughputChanges increased(long nowMillis) {
        return new ThroughputChanges(nowMillis, lastDecreaseMillis, decreasesThatDay);
    }

    /** The start of the UTC day after the one of {@code millis}. */
    public static long nextUtcDay(long millis) {
        return (utcDay(millis) + 1) * DAY_MILLIS;
    }

    private static long utcDay(long millis) {
        return Math.floorDiv(millis, DAY_MILLIS);
    }
}
