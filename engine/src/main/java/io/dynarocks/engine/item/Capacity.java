package io.dynarocks.engine.item;

/** DynamoDB's capacity unit rounding: reads in 4 KB units (halved when eventually consistent), writes in 1 KB units. */
public final class Capacity {

    private Capacity() {}

    public static double read(long itemBytes, boolean consistent) {
        double units = Math.max(1, ceilDiv(itemBytes, 4096));
        return consistent ? units : units / 2;
    }

    public static double write(long itemBytes) {
        return Math.max(1, ceilDiv(itemBytes, 1024));
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
