package io.dynarocks.engine.limits;

/**
 * Capacity units refilled at {@code rate} per second up to {@code capacity}. A request is admitted while the
 * bucket holds any units and is charged what it consumed once it ran, so the balance may go below zero (a
 * large item costs its full units; what comes after waits until the debt is repaid), as DynamoDB meters.
 * Not thread-safe: its owner synchronizes.
 */
final class TokenBucket {

    private double rate;
    private double capacity;
    private double units;
    private long lastMillis;

    TokenBucket(double rate, double capacity, double initial, long nowMillis) {
        this.rate = rate;
        this.capacity = capacity;
        this.units = Math.min(initial, capacity);
        this.lastMillis = nowMillis;
    }

    boolean available(long nowMillis) {
        refill(nowMillis);
        return units > 0;
    }

    void take(double consumed, long nowMillis) {
        refill(nowMillis);
        units -= consumed;
    }

    /** Changes the refill rate and the ceiling (an on-demand allowance growing), keeping the balance. */
    void resize(double newRate, double newCapacity, long nowMillis) {
        refill(nowMillis);
        rate = newRate;
        capacity = newCapacity;
        units = Math.min(units, capacity);
    }

    double rate() {
        return rate;
    }

    private void refill(long nowMillis) {
        if (nowMillis > lastMillis) {
            units = Math.min(capacity, units + rate * (nowMillis - lastMillis) / 1000.0);
            lastMillis = nowMillis;
        }
    }
}
