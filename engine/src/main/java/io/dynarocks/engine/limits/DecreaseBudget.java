package io.dynarocks.engine.limits;

import io.dynarocks.protocol.DynamoException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * DynamoDB's limit on provisioned throughput decreases, per table or index: four at any time in a UTC day, then
 * one more whenever there was none in the last hour (up to 27 a day). Kept in memory, as the rest of the limits.
 */
final class DecreaseBudget {

    private static final int FREE_DECREASES = 4;
    private static final long HOUR_MILLIS = 3_600_000L;
    private static final long DAY_MILLIS = 24 * HOUR_MILLIS;
    // DynamoDB's service formats the times with Java's full US style in UTC.
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern(
            "EEEE, MMMM d, yyyy 'at' h:mm:ss a 'Coordinated Universal Time'", Locale.US).withZone(ZoneOffset.UTC);

    /** Decreases of one resource on the UTC day {@code day}, the last at {@code lastMillis}. */
    private record Today(long day, int count, long lastMillis) {}

    private final Map<String, Today> resources = new ConcurrentHashMap<>();

    /** Records a decrease of {@code resource} at {@code nowMillis}, or refuses it with LimitExceededException. */
    void decrease(String resource, long nowMillis) {
        long day = Math.floorDiv(nowMillis, DAY_MILLIS);
        resources.compute(resource, (k, t) -> {
            if (t == null || t.day() != day) {
                return new Today(day, 1, nowMillis);
            }
            if (t.count() >= FREE_DECREASES && nowMillis - t.lastMillis() < HOUR_MILLIS) {
                long next = Math.min(t.lastMillis() + HOUR_MILLIS, (day + 1) * DAY_MILLIS);
                throw new DynamoException("LimitExceededException", "Subscriber limit exceeded: Provisioned "
                        + "throughput decreases are limited within a given UTC day. After the first 4 decreases, each "
                        + "subsequent decrease in the same UTC day can be performed at most once every 3600 seconds. "
                        + "Number of decreases today: " + t.count() + ". Last decrease at "
                        + TIME.format(Instant.ofEpochMilli(t.lastMillis())) + ". Next decrease can be made at "
                        + TIME.format(Instant.ofEpochMilli(next)) + ".", 400);
            }
            return new Today(day, t.count() + 1, nowMillis);
        });
    }
}
