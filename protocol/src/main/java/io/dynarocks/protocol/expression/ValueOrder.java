package io.dynarocks.protocol.expression;

import io.dynarocks.protocol.AttributeValue;

/** DynamoDB's ordering of scalar values: numbers by value, strings and binaries by unsigned UTF-8 bytes. */
public final class ValueOrder {

    private ValueOrder() {}

    /** True for the types {@code < <= > >= BETWEEN} can compare: N, S and B. */
    public static boolean isOrderable(AttributeValue v) {
        return v instanceof AttributeValue.N || v instanceof AttributeValue.S || v instanceof AttributeValue.B;
    }

    /** Compares two orderable values of the same type. */
    public static int compare(AttributeValue a, AttributeValue b) {
        if (a instanceof AttributeValue.N x && b instanceof AttributeValue.N y) {
            return x.value().compareTo(y.value());
        }
        if (a instanceof AttributeValue.S x && b instanceof AttributeValue.S y) {
            return compareStrings(x.value(), y.value());
        }
        if (a instanceof AttributeValue.B x && b instanceof AttributeValue.B y) {
            return x.value().compareTo(y.value());
        }
        throw new IllegalArgumentException("not comparable: " + a.typeName() + ", " + b.typeName());
    }

    /** Code point order, which is the order of the strings' UTF-8 bytes (not Java's UTF-16 order). */
    public static int compareStrings(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** DynamoDB's rendering of a value in messages, e.g. {@code {S:a}} or {@code {N:10}}. */
    static String describe(AttributeValue v) {
        String body;
        if (v instanceof AttributeValue.S s) {
            body = s.value();
        } else if (v instanceof AttributeValue.N n) {
            body = n.value().toString();
        } else if (v instanceof AttributeValue.B b) {
            body = b.value().base64();
        } else if (v instanceof AttributeValue.BOOL b) {
            body = String.valueOf(b.value());
        } else if (v instanceof AttributeValue.NULL) {
            body = "true";
        } else {
            body = String.valueOf(v);
        }
        return "{" + v.typeName() + ":" + body + "}";
    }
}
