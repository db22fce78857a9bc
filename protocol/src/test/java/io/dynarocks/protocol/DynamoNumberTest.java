package io.dynarocks.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DynamoNumberTest {

    @Test
    void equivalentSpellingsAreOneCanonicalNumber() {
        assertThat(DynamoNumber.parse("1.0")).isEqualTo(DynamoNumber.parse("01")).isEqualTo(DynamoNumber.parse("1e0"));
        assertThat(DynamoNumber.parse("1.0").toString()).isEqualTo("1");
        assertThat(DynamoNumber.parse("-0.0").toString()).isEqualTo("0");
        assertThat(DynamoNumber.parse("1.50E+3").toString()).isEqualTo("1500");
    }

    @Test
    void aLongIsTheSameCanonicalNumberAsItsBigDecimal() {
        for (long v : new long[] {0, 1, -1, 7, 10, -10, 530, -530, 1_000_000, 120_300, 999_999_999_999_999_999L,
                -100_000_000_000_000_000L}) {
            DynamoNumber expected = DynamoNumber.of(java.math.BigDecimal.valueOf(v));
            assertThat(DynamoNumber.of(v)).isEqualTo(expected);
            assertThat(DynamoNumber.of(v).bigDecimal().scale()).isEqualTo(expected.bigDecimal().scale());
            assertThat(DynamoNumber.of(v).toString()).isEqualTo(expected.toString());
        }
    }

    @Test
    void thirtyEightDigitsAreAllowedButNotThirtyNine() {
        assertThat(DynamoNumber.parse("9".repeat(38)).toString()).isEqualTo("9".repeat(38));
        assertThatThrownBy(() -> DynamoNumber.parse("9".repeat(39)))
                .hasMessage("Attempting to store more than 38 significant digits in a Number");
    }

    @Test
    void magnitudeLimitsMatchDynamoDb() {
        assertThat(DynamoNumber.parse("9.9999999999999999999999999999999999999E+125")).isNotNull();
        assertThat(DynamoNumber.parse("1E-130")).isNotNull();
        assertThatThrownBy(() -> DynamoNumber.parse("1E+126")).hasMessageStartingWith("Number overflow");
        assertThatThrownBy(() -> DynamoNumber.parse("-1E+126")).hasMessageStartingWith("Number overflow");
        assertThatThrownBy(() -> DynamoNumber.parse("1E-131")).hasMessageStartingWith("Number underflow");
    }

    @Test
    void nonNumericTextIsAValidationError() {
        assertThatThrownBy(() -> DynamoNumber.parse(" 1"))
                .isInstanceOf(DynamoException.class)
                .hasMessage("The parameter cannot be converted to a numeric value:  1");
        assertThatThrownBy(() -> DynamoNumber.parse("")).hasMessageStartingWith("The parameter cannot be converted");
    }
}
