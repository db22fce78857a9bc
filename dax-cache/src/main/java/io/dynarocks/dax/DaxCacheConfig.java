package io.dynarocks.dax;

import java.time.Duration;

/** Item and query cache settings: time to live and maximum entries of each (DAX defaults: 5 minutes). */
public record DaxCacheConfig(Duration itemTtl, long itemMaxEntries, Duration queryTtl, long queryMaxEntries) {

    public static DaxCacheConfig defaults() {
        return new DaxCacheConfig(Duration.ofMinutes(5), 100_000, Duration.ofMinutes(5), 10_000);
    }
}
