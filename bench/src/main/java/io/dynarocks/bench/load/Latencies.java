package io.dynarocks.bench.load;

import java.util.Arrays;

/** Request latencies of one thread in nanoseconds; merged and sorted once the run is over. */
final class Latencies {

    private long[] samples = new long[1 << 14];
    private int size;

    void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    int size() {
        return size;
    }

    /** All samples of {@code parts}, sorted ascending. */
    static long[] merged(Latencies[] parts) {
        int total = 0;
        for (Latencies p : parts) {
            total += p.size;
        }
        long[] all = new long[total];
        int at = 0;
        for (Latencies p : parts) {
            System.arraycopy(p.samples, 0, all, at, p.size);
            at += p.size;
        }
        Arrays.sort(all);
        return all;
    }

    /** The {@code q}-quantile (0..1) of sorted samples in milliseconds; 0 when there are none. */
    static double quantileMillis(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}
