package io.dynarocks.server;

import io.dynarocks.dax.CacheStatistics;
import io.dynarocks.dax.DaxCache;
import io.dynarocks.ttl.TtlSweeper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** Binds the modules' own counters (TTL deletions, DAX-style cache statistics) to the metrics registry. */
final class ModuleMeters {

    private ModuleMeters() {}

    /**
     * Items deleted by TTL, one counter per table. Tables appear as the sweeper first deletes from
     * them, so this runs before every scrape (registering an existing meter again is a no-op).
     */
    static Runnable ttl(MeterRegistry registry, TtlSweeper sweeper) {
        return () -> sweeper.deletedCounts().keySet().forEach(table ->
                FunctionCounter.builder("dynarocks.ttl.deleted.items", sweeper, s -> s.deletedCount(table))
                        .description("items deleted by Time to Live")
                        .tag("table", table)
                        .register(registry));
    }

    /** Hits, misses, evictions and size of the item and query caches. */
    static void dax(MeterRegistry registry, DaxCache dax) {
        cache(registry, dax, "item", DaxCache::itemCacheStatistics);
        cache(registry, dax, "query", DaxCache::queryCacheStatistics);
    }

    private static void cache(MeterRegistry registry, DaxCache dax, String name,
            Function<DaxCache, CacheStatistics> stats) {
        counter(registry, dax, name, "hits", d -> stats.apply(d).hits());
        counter(registry, dax, name, "misses", d -> stats.apply(d).misses());
        counter(registry, dax, name, "evictions", d -> stats.apply(d).evictions());
        Gauge.builder("dynarocks.dax.cache.size", dax, d -> stats.apply(d).size())
                .description("entries in the DAX-style cache")
                .tag("cache", name)
                .register(registry);
    }

    private static void counter(MeterRegistry registry, DaxCache dax, String cache, String what,
            ToDoubleFunction<DaxCache> value) {
        FunctionCounter.builder("dynarocks.dax.cache." + what, dax, value)
                .description("DAX-style cache " + what)
                .tag("cache", cache)
                .register(registry);
    }
}
