package io.dynarocks.protocol;

import java.math.BigDecimal;
import java.util.Map;

/** Item size as DynamoDB computes it for the 400 KB limit and for capacity units. */
public final class ItemSize {

    /** DynamoDB's maximum item size, 400 KB. */
    public static final int MAX_ITEM_BYTES = 400 * 1024;

    /** DynamoDB's message for a whole item (PutItem, BatchWriteItem, a transaction's Put) over 400 KB. */
    public static final String ITEM_TOO_LARGE = "Item size has exceeded the maximum allowed size";

    private ItemSize() {}

    /**
     * Rejects a whole item over 400 KB. Checked while validating the request, before any condition is
     * evaluated: DynamoDB reports an oversized item even when the condition would fail.
     */
    public static void requireWithinLimit(Map<String, AttributeValue> item) {
        if (of(item) > MAX_ITEM_BYTES) {
            throw DynamoException.validation(ITEM_TOO_LARGE);
        }
    }

    public static long of(Map<String, AttributeValue> item) {
        long size = 0;
        for (Map.Entry<String, AttributeValue> e : item.entrySet()) {
            size += utf8(e.getKey()) + of(e.getValue());
        }
        return size;
    }

    public static long of(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return utf8(s.value());
        } else if (v instanceof AttributeValue.N n) {
            return number(n.value());
        } else if (v instanceof AttributeValue.B b) {
            return b.value().length();
        } else if (v instanceof AttributeValue.SS ss) {
            return ss.values().stream().mapToLong(ItemSize::utf8).sum();
        } else if (v instanceof AttributeValue.NS ns) {
            return ns.values().stream().mapToLong(ItemSize::number).sum();
        } else if (v instanceof AttributeValue.BS bs) {
            return bs.values().stream().mapToLong(AttributeValue.Binary::length).sum();
        } else if (v instanceof AttributeValue.M m) {
            // Documents cost 3 bytes of overhead plus 1 byte per element.
            long size = 3;
            for (Map.Entry<String, AttributeValue> e : m.values().entrySet()) {
                size += 1 + utf8(e.getKey()) + of(e.getValue());
            }
            return size;
        } else if (v instanceof AttributeValue.L l) {
            long size = 3;
            for (AttributeValue e : l.values()) {
                size += 1 + of(e);
            }
            return size;
        }
        return 1; // BOOL and NULL
    }

    /** Numbers take about one byte per two significant digits plus one byte (and one more when negative). */
    public static long number(DynamoNumber n) {
        BigDecimal v = n.bigDecimal();
        if (v.signum() == 0) {
            return 1;
        }
        int digits = v.precision();
        // Digits are stored in pairs aligned on the decimal point: an odd scale adds a half-filled pair.
        if (Math.floorMod(v.scale(), 2) != 0) {
            digits++;
        }
        return (digits + 1) / 2 + 1 + (v.signum() < 0 ? 1 : 0);
    }

    public static long utf8(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c)) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

}
