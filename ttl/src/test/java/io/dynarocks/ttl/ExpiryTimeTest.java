package io.dynarocks.ttl;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoNumber;
import io.dynarocks.protocol.model.TtlSettings;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ExpiryTimeTest {

    private static final TtlSettings TTL = new TtlSettings("exp", true);
    private static final long NOW = 1_700_000_000_000L;

    private static Map<String, AttributeValue> item(String n) {
        return Map.of("exp", new AttributeValue.N(DynamoNumber.parse(n)));
    }

    @Test
    void anItemExpiresAtItsEpochSecond() {
        assertThat(ExpiryTime.of(item("1700000100"), TTL, NOW)).hasValue(1_700_000_100L);
        assertThat(ExpiryTime.expired(item("1699999999"), TTL, NOW)).isTrue();
        assertThat(ExpiryTime.expired(item("1700000000"), TTL, NOW)).isFalse();
        assertThat(ExpiryTime.expired(item("1700000000"), TTL, NOW + 1)).isTrue();
    }

    @Test
    void aFractionalExpiryIsNeverDueEarly() {
        assertThat(ExpiryTime.of(item("1700000000.2"), TTL, NOW)).hasValue(1_700_000_001L);
    }

    @Test
    void itemsWithoutANumberInTheAttributeNeverExpire() {
        assertThat(ExpiryTime.of(Map.of(), TTL, NOW)).isEmpty();
        assertThat(ExpiryTime.of(Map.of("exp", new AttributeValue.S("1600000000")), TTL, NOW)).isEmpty();
        assertThat(ExpiryTime.of(item("1600000000"), new TtlSettings("other", true), NOW)).isEmpty();
    }

    @Test
    void valuesMoreThanFiveYearsInThePastNeverExpire() {
        long fiveYearsAndADay = (5 * 365 + 2) * 86_400L;
        long justUnderFiveYears = (5 * 365 - 1) * 86_400L;
        assertThat(ExpiryTime.of(item(String.valueOf(NOW / 1000 - fiveYearsAndADay)), TTL, NOW)).isEmpty();
        assertThat(ExpiryTime.expired(item(String.valueOf(NOW / 1000 - justUnderFiveYears)), TTL, NOW)).isTrue();
    }

    @Test
    void nothingExpiresWhileTtlIsDisabledAndHugeValuesNeverExpire() {
        assertThat(ExpiryTime.of(item("1600000000"), new TtlSettings("exp", false), NOW)).isEmpty();
        assertThat(ExpiryTime.of(item("1E+100"), TTL, NOW)).isEqualTo(OptionalLong.empty());
        assertThat(ExpiryTime.of(item("-1E+100"), TTL, NOW)).isEqualTo(OptionalLong.empty());
    }
}
