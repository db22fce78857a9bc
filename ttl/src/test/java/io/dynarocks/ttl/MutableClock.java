package io.dynarocks.ttl;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand, so expiry is deterministic. */
final class MutableClock extends Clock {

    private final AtomicLong millis;

    MutableClock(long epochSecond) {
        this.millis = new AtomicLong(epochSecond * 1000);
    }

    void setEpochSecond(long epochSecond) {
        millis.set(epochSecond * 1000);
    }

    long epochSecond() {
        return millis.get() / 1000;
    }

    @Override
    public long millis() {
        return millis.get();
    }

    @Override
    public Instant instant() {
        return Instant.ofEpochMilli(millis.get());
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
