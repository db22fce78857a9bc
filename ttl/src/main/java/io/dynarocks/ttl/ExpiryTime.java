package io.dynarocks.ttl;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.TtlSettings;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalLong;

/**
 * When an item expires under its table's TTL setting, by DynamoDB's rules: the TTL attribute holds
 * epoch seconds as a Number; a missing attribute, a non-Number, or a value more than five years in
 * the past means the item never expires.
 */
public final class ExpiryTime {

    // Beyond these (the year ~292,000) a value cannot be compared in milliseconds; such items never
    // expire (the earliest is more than five years in the past anyway).
    private static final BigDecimal LATEST = BigDecimal.valueOf(Long.MAX_VALUE / 1000);
    private static final BigDecimal EARLIEST = LATEST.negate();

    private ExpiryTime() {}

    /** The epoch second at which {@code item} expires, or empty when it never does. */
    public static OptionalLong of(Map<String, AttributeValue> item, TtlSettings ttl, long nowMillis) {
        if (item == null || ttl == null || !ttl.enabled()
                || !(item.get(ttl.attributeName()) instanceof AttributeValue.N n)) {
            return OptionalLong.empty();
        }
        BigDecimal value = n.value().bigDecimal();
        if (value.compareTo(LATEST) > 0 || value.compareTo(EARLIEST) < 0) {
            return OptionalLong.empty();
        }
        // Rounded up, so a fractional expiry is never deleted before its time.
        long seconds = value.setScale(0, RoundingMode.CEILING).longValueExact();
        long fiveYearsAgo = Instant.ofEpochMilli(nowMillis).atOffset(ZoneOffset.UTC).minusYears(5).toEpochSecond();
        return seconds < fiveYearsAgo ? OptionalLong.empty() : OptionalLong.of(seconds);
    }

    /** Whether {@code item} has expired at {@code nowMillis}: its expiry second lies strictly before now. */
    public static boolean expired(Map<String, AttributeValue> item, TtlSettings ttl, long nowMillis) {
        OptionalLong expiry = of(item, ttl, nowMillis);
        return expiry.isPresent() && expiry.getAsLong() <= lastDueSecond(nowMillis);
    }

    /** The latest expiry second that is due at {@code nowMillis}. */
    static long lastDueSecond(long nowMillis) {
        return Math.floorDiv(nowMillis - 1, 1000);
    }
}
