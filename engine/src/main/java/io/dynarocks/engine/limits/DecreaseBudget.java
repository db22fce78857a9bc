package io.dynarocks.engine.limits;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.ThroughputChanges;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * DynamoDB's limit on provisioned throughput decreases, per table or global index: four at any time in a UTC day,
 * then one more whenever there was none in the last hour (up to 27 a day). The count is the one the catalog keeps
 * in the table's definition ({@link ThroughputChanges}), so a restart does not reset it.
 */
public final class DecreaseBudget {

    private static final int FREE_DECREASES = 4;
    private static final long HOUR_MILLIS = 3_600_000L;
    // DynamoDB's service formats the times with Java's full US style in UTC.
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(
            "EEEE, MMMM d, yyyy 'at' h:mm:ss a 'Coordinated Universal Time'", Locale.US).withZone(ZoneOffset.UTC);

    private DecreaseBudget() {}

    /** Refuses a decrease at {@code nowMillis} after {@code before} with LimitExceededException when none is left. */
    public static void check(ThroughputChanges before, long nowMillis) {
        int today = before.decreasesToday(nowMillis);
        long last = before.lastDecreaseMillis();
        if (today >= FREE_DECREASES && nowMillis - last < HOUR_MILLIS) {
            long next = Math.min(last + HOUR_MILLIS, ThroughputChanges.nextUtcDay(last));
            throw new DynamoException("LimitExceededException", "Subscriber limit exceeded: Provisioned "
                    + "throughput decreases are limited within a given UTC day. After the first 4 decreases, each "
                    + "subsequent decrease in the same UTC day can be performed at most once every 3600 seconds. "
                    + "Number of decreases today: " + today + ". Last decrease at "
                    + TIME.format(Instant.ofEpochMilli(last)) + ". Next decrease can be made at "
                    + TIME.format(Instant.ofEpochMilli(next)) + ".", 400);
        }
    }
}
