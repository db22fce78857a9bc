package io.dynarocks.engine.limits;

import java.util.ArrayDeque;

/**
 * DynamoDB's on-demand rule: a table instantly serves up to double its previous peak; going beyond that
 * needs 30 minutes. Units are summed per clock second; a second that sets a new high becomes the previous
 * peak once it is 30 minutes old. The peak starts at half of what a new table serves (its warm throughput).
 */
final class PeakTracker {

    private static final long SETTLE_MILLIS = 30 * 60 * 1000L;

    private record Peak(long second, double units) {}

    private final ArrayDeque<Peak> pending = new ArrayDeque<>();
    private double settled;
    private double highest;
    private long second = Long.MIN_VALUE;
    private double inSecond;

    PeakTracker(double initialPeak) {
        this.settled = initialPeak;
        this.highest = initialPeak;
    }

    void record(double units, long nowMillis) {
        long s = Math.floorDiv(nowMillis, 1000);
        if (s != second) {
            second = s;
            inSecond = 0;
        }
        inSecond += units;
        if (inSecond > highest) {
            highest = inSecond;
            if (!pending.isEmpty() && pending.peekLast().second() == s) {
                pending.pollLast();
            }
            pending.addLast(new Peak(s, inSecond));
        }
    }

    /** Units per second served now: double the settled previous peak. */
    double allowance(long nowMillis) {
        while (!pending.isEmpty() && pending.peekFirst().second() * 1000 + SETTLE_MILLIS <= nowMillis) {
            settled = Math.max(settled, pending.pollFirst().units());
        }
        return 2 * settled;
    }
}
