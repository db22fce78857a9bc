package io.dynarocks.security;

import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** IAM's condition operators, each a test of one request value against one policy value. */
enum ConditionOperator {
    StringEquals(false) { boolean test(String a, String p) { return a.equals(p); } },
    StringNotEquals(true) { boolean test(String a, String p) { return a.equals(p); } },
    StringEqualsIgnoreCase(false) { boolean test(String a, String p) { return a.equalsIgnoreCase(p); } },
    StringNotEqualsIgnoreCase(true) { boolean test(String a, String p) { return a.equalsIgnoreCase(p); } },
    StringLike(false) { boolean test(String a, String p) { return Wildcard.matches(p, a); } },
    StringNotLike(true) { boolean test(String a, String p) { return Wildcard.matches(p, a); } },
    NumericEquals(false) { boolean test(String a, String p) { return compareNumbers(a, p) == 0; } },
    NumericNotEquals(true) { boolean test(String a, String p) { return compareNumbers(a, p) == 0; } },
    NumericLessThan(false) { boolean test(String a, String p) { return compareNumbers(a, p) < 0; } },
    NumericLessThanEquals(false) { boolean test(String a, String p) { return compareNumbers(a, p) <= 0; } },
    NumericGreaterThan(false) { boolean test(String a, String p) { return compareNumbers(a, p) > 0; } },
    NumericGreaterThanEquals(false) { boolean test(String a, String p) { return compareNumbers(a, p) >= 0; } },
    DateEquals(false) { boolean test(String a, String p) { return compareDates(a, p) == 0; } },
    DateNotEquals(true) { boolean test(String a, String p) { return compareDates(a, p) == 0; } },
    DateLessThan(false) { boolean test(String a, String p) { return compareDates(a, p) < 0; } },
    DateLessThanEquals(false) { boolean test(String a, String p) { return compareDates(a, p) <= 0; } },
    DateGreaterThan(false) { boolean test(String a, String p) { return compareDates(a, p) > 0; } },
    DateGreaterThanEquals(false) { boolean test(String a, String p) { return compareDates(a, p) >= 0; } },
    Bool(false) { boolean test(String a, String p) { return a.equalsIgnoreCase(p); } },
    BinaryEquals(false) { boolean test(String a, String p) { return a.equals(p); } },
    IpAddress(false) { boolean test(String a, String p) { return inRange(a, p); } },
    NotIpAddress(true) { boolean test(String a, String p) { return inRange(a, p); } },
    ArnEquals(false) { boolean test(String a, String p) { return Wildcard.matches(p, a); } },
    ArnLike(false) { boolean test(String a, String p) { return Wildcard.matches(p, a); } },
    ArnNotEquals(true) { boolean test(String a, String p) { return Wildcard.matches(p, a); } },
    ArnNotLike(true) { boolean test(String a, String p) { return Wildcard.matches(p, a); } },
    /** Handled by {@link ConditionClause}: whether the key is absent. */
    Null(false) { boolean test(String a, String p) { return false; } };

    /** A negated operator holds when no policy value matches. */
    final boolean negated;

    ConditionOperator(boolean negated) {
        this.negated = negated;
    }

    /** The positive test: request value {@code a} matches policy value {@code p}. */
    abstract boolean test(String a, String p);

    private static int compareNumbers(String a, String p) {
        try {
            return new BigDecimal(a).compareTo(new BigDecimal(p));
        } catch (NumberFormatException e) {
            return Integer.MIN_VALUE;
        }
    }

    private static int compareDates(String a, String p) {
        Instant x = instant(a);
        Instant y = instant(p);
        return x == null || y == null ? Integer.MIN_VALUE : x.compareTo(y);
    }

    /** ISO-8601 (date and time, or a date) or epoch seconds. */
    static Instant instant(String value) {
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            if (value.length() == 10) {
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            }
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    private static boolean inRange(String address, String cidr) {
        try {
            int slash = cidr.indexOf('/');
            byte[] net = InetAddress.getByName(slash < 0 ? cidr : cidr.substring(0, slash)).getAddress();
            byte[] ip = InetAddress.getByName(address).getAddress();
            if (net.length != ip.length) {
                return false;
            }
            int bits = slash < 0 ? net.length * 8 : Integer.parseInt(cidr.substring(slash + 1));
            for (int i = 0; i < net.length && bits > 0; i++, bits -= 8) {
                int mask = bits >= 8 ? 0xFF : (0xFF << (8 - bits)) & 0xFF;
                if ((net[i] & mask) != (ip[i] & mask)) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException | NumberFormatException e) {
            return false;
        }
    }
}
