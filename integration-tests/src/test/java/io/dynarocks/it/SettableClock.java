package io.dynarocks.it;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/** A clock a test sets by hand, given to the embedded server so that expiry is deterministic. */
final class SettableClock extends Clock {

    private final AtomicLong millis = new AtomicLong();

    SettableClock(Instant start) {
        millis.set(start.toEpochMilli());
    }

    void set(Instant now) {
        millis.set(now.toEpochMilli());
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
