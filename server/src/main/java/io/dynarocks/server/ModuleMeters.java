package io.dynarocks.server;

import io.dynarocks.dax.CacheStatistics;
import io.dynarocks.dax.DaxCache;
import io.dynarocks.ttl.TtlSweeper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.operation.TableStatistics;
import io.dynarocks.protocol.model.IndexStats;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.Storage;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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

    /** The storage backend's own statistics (RocksDB: estimated keys, live data, SST and memtable sizes, …). */
    static void storage(MeterRegistry registry, Storage storage) {
        for (String name : storage.statistics().keySet()) {
            Gauge.builder("dynarocks.storage." + name.replace('-', '.'), storage,
                            s -> s.statistics().getOrDefault(name, 0L))
                    .description("storage backend statistic " + name)
                    .register(registry);
        }
    }

    /**
     * Items and bytes per table. Counting costs O(items), as DescribeTable does, so the figures are
     * recounted at most every {@code maxAge} and meters of deleted tables are removed.
     */
    static Runnable tables(MeterRegistry registry, Engine engine, Duration maxAge) {
        Map<String, IndexStats> counts = new ConcurrentHashMap<>();
        long[] countedAt = {Long.MIN_VALUE};
        return () -> {
            synchronized (countedAt) {
                recount(registry, engine, maxAge, counts, countedAt);
            }
        };
    }

    private static void recount(MeterRegistry registry, Engine engine, Duration maxAge, Map<String, IndexStats> counts,
            long[] countedAt) {
        long now = System.nanoTime();
        if (countedAt[0] != Long.MIN_VALUE && now - countedAt[0] < maxAge.toNanos()) {
            return;
        }
        countedAt[0] = now;
        Map<String, IndexStats> fresh = new HashMap<>();
        for (TableDefinition t : engine.catalog().tables()) {
            fresh.put(t.tableName(), TableStatistics.of(engine, t));
        }
        counts.keySet().stream().filter(name -> !fresh.containsKey(name)).toList().forEach(name -> {
            registry.find("dynarocks.table.items").tag("table", name).meters().forEach(registry::remove);
            registry.find("dynarocks.table.bytes").tag("table", name).meters().forEach(registry::remove);
            counts.remove(name);
        });
        counts.putAll(fresh);
        for (String name : fresh.keySet()) {
            Gauge.builder("dynarocks.table.items", counts, c -> c.getOrDefault(name, IndexStats.EMPTY).itemCount())
                    .description("items in the table").tag("table", name).register(registry);
            Gauge.builder("dynarocks.table.bytes", counts, c -> c.getOrDefault(name, IndexStats.EMPTY).sizeBytes())
                    .description("item bytes in the table, as DynamoDB sizes items").tag("table", name)
                    .register(registry);
        }
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
