package io.dynarocks.protocol;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A DynamoDB number: at most 38 significant digits, magnitude between 1E-130 and 1E+126,
 * held in canonical form so that {@code "1.0"}, {@code "01"} and {@code "1e0"} are equal and print as {@code "1"}.
 */
public final class DynamoNumber implements Comparable<DynamoNumber> {

    private static final BigDecimal MAX = new BigDecimal("1E+126");
    private static final BigDecimal MIN = new BigDecimal("1E-130");
    public static final DynamoNumber ZERO = new DynamoNumber(BigDecimal.ZERO);

    private final BigDecimal value;

    private DynamoNumber(BigDecimal canonical) {
        this.value = canonical;
    }

    /** Parses a number as DynamoDB does, throwing DynamoDB's ValidationException messages. */
    public static DynamoNumber parse(String text) {
        BigDecimal parsed;
        try {
            if (text.isEmpty() || !isNumericSyntax(text)) {
                throw new NumberFormatException();
            }
            parsed = new BigDecimal(text);
        } catch (NumberFormatException e) {
            throw DynamoException.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        return of(parsed);
    }

    /** Checks a computed value against DynamoDB's limits. */
    public static DynamoNumber of(BigDecimal raw) {
        BigDecimal v = raw.signum() == 0 ? BigDecimal.ZERO : raw.stripTrailingZeros();
        if (v.precision() > 38) {
            throw DynamoException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        BigDecimal abs = v.abs();
        if (abs.compareTo(MAX) >= 0) {
            throw overflow();
        }
        if (v.signum() != 0 && abs.compareTo(MIN) < 0) {
            throw DynamoException.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return new DynamoNumber(v);
    }

    /**
     * The number {@code value}: always within DynamoDB's limits, and put in canonical form without
     * {@link BigDecimal#stripTrailingZeros()} and the checks of {@link #of(BigDecimal)} (PartiQL number literals).
     */
    public static DynamoNumber of(long value) {
        if (value == 0) {
            return ZERO;
        }
        int scale = 0;
        while (value % 10 == 0) {
            value /= 10;
            scale--;
        }
        return new DynamoNumber(BigDecimal.valueOf(value, scale));
    }

    /** Arithmetic result as DynamoDB computes it (exact, then checked against the limits). */
    public DynamoNumber add(DynamoNumber other) {
        return result(value.add(other.value, MathContext.UNLIMITED));
    }

    public DynamoNumber subtract(DynamoNumber other) {
        return result(value.subtract(other.value, MathContext.UNLIMITED));
    }

    /**
     * DynamoDB quirk: a computed number that needs more than 38 significant digits (1E50 + 1) is reported
     * as an overflow, whatever its magnitude, not with the message for a stored number's digits.
     */
    private static DynamoNumber result(BigDecimal raw) {
        if (raw.signum() != 0 && raw.stripTrailingZeros().precision() > 38) {
            throw overflow();
        }
        return of(raw);
    }

    private static DynamoException overflow() {
        return DynamoException.validation(
                "Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    public BigDecimal bigDecimal() {
        return value;
    }

    private static boolean isNumericSyntax(String s) {
        // BigDecimal also accepts forms DynamoDB rejects (none common); reject whitespace and hex-like input.
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= '0' && c <= '9') && c != '.' && c != '-' && c != '+' && c != 'e' && c != 'E') {
                return false;
            }
        }
        return true;
    }

    @Override
    public int compareTo(DynamoNumber o) {
        return value.compareTo(o.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DynamoNumber n && value.compareTo(n.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    /** Canonical text: plain notation, no trailing zeros. */
    @Override
    public String toString() {
        return value.toPlainString();
    }
}
