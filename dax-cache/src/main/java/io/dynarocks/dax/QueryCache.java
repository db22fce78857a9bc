package io.dynarocks.dax;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.dynarocks.protocol.operation.Response;
import java.util.function.Supplier;

/**
 * DAX's query cache: whole Query and Scan results keyed by the normalised request. As in DAX,
 * writes never invalidate it; entries live until their time to live or eviction.
 */
final class QueryCache {

    private final Cache<String, Response> cache;

    QueryCache(DaxCacheConfig config, Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(config.queryTtl())
                .maximumSize(config.queryMaxEntries())
                .ticker(ticker)
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    /** The cached response for {@code key}, computing it on a miss; failures are not cached. */
    Response get(String key, Supplier<Response> compute) {
        return cache.get(key, k -> compute.get());
    }

    CacheStatistics statistics() {
        cache.cleanUp();
        var s = cache.stats();
        return new CacheStatistics(s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize());
    }
}
