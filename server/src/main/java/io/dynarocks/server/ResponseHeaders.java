package io.dynarocks.server;

import io.netty.handler.codec.DateFormatter;
import java.util.Date;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Values of the {@code Date} and {@code x-amzn-RequestId} headers DynamoDB puts on every response, cheap enough
 * for every response: HTTP replies and the in-process clients' answers share them.
 */
public final class ResponseHeaders {

    /** The Date header of the current second: formatting it anew for every response would cost more than the rest. */
    private record CachedDate(long second, String text) {}

    private static volatile CachedDate date = new CachedDate(-1, "");

    private ResponseHeaders() {}

    /** The current time in RFC 1123 form, as the {@code Date} header carries it. */
    public static String date() {
        long now = System.currentTimeMillis();
        CachedDate cached = date;
        if (cached.second() != now / 1000) {
            cached = new CachedDate(now / 1000, DateFormatter.format(new Date(now)));
            date = cached;
        }
        return cached.text();
    }

    /** A random UUID-formatted id; UUID.randomUUID() would serialize every response on one SecureRandom. */
    public static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }
}
