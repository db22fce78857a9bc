package io.dynarocks.server;

import io.dynarocks.dax.CacheStatistics;
import io.dynarocks.dax.DaxCache;
import io.dynarocks.ttl.TtlSweeper;
import io.dynarocks.replication.Replication;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.limits.Throughput;
import io.dynarocks.engine.operation.TableStatistics;
import io.dynarocks.protocol.model.IndexStats;
import io.dynarocks.storage.Storage;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * Requests refused by the throughput limits ({@code --limits}), per table and ThrottlingReason; new pairs
     * appear as they first happen, so this runs before every scrape.
     */
    static Runnable throttled(MeterRegistry registry, Throughput throughput) {
        return () -> throughput.throttled().keySet().forEach(key ->
                FunctionCounter.builder("dynarocks.throttled.requests", throughput,
                                t -> t.throttled().getOrDefault(key, 0L))
                        .description("requests throttled by the throughput limits")
                        .tag("table", key.table())
                        .tag("reason", key.reason())
                        .register(registry));
    }

    /**
     * Replication lag and shipped item states per global table and peer region. Replicas appear and
     * disappear as tables become global or drop a region, so this runs before every scrape; a gauge
     * of a replica that left reads 0 until the registry forgets it.
     */
    static Runnable replication(MeterRegistry registry, Replication replication) {
        return () -> replication.states().forEach(state -> {
            Gauge.builder("dynarocks.replication.lag.seconds", replication,
                            r -> lagOf(r, state.tableName(), state.region()) / 1000.0)
                    .description("age of the oldest change not yet acknowledged by the peer region")
                    .tag("table", state.tableName()).tag("region", state.region())
                    .register(registry);
            FunctionCounter.builder("dynarocks.replication.shipped.items", replication,
                            r -> shippedOf(r, state.tableName(), state.region()))
                    .description("item states the peer region acknowledged")
                    .tag("table", state.tableName()).tag("region", state.region())
                    .register(registry);
        });
    }

    private static double lagOf(Replication r, String table, String region) {
        return r.states().stream().filter(s -> s.tableName().equals(table) && s.region().equals(region))
                .mapToLong(Replication.ReplicaState::lagMillis).findFirst().orElse(0);
    }

    private static double shippedOf(Replication r, String table, String region) {
        return r.states().stream().filter(s -> s.tableName().equals(table) && s.region().equals(region))
                .mapToLong(Replication.ReplicaState::shipped).findFirst().orElse(0);
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
     * Items and bytes per table, read from the counters every write keeps (O(1) per table). Runs
     * before every scrape: registers meters of new tables and removes those of deleted ones.
     */
    static Runnable tables(MeterRegistry registry, Engine engine) {
        Set<String> registered = new HashSet<>();
        return () -> {
            synchronized (registered) {
                Set<String> now = new HashSet<>();
                engine.catalog().tables().forEach(t -> now.add(t.tableName()));
                for (String name : List.copyOf(registered)) {
                    if (!now.contains(name)) {
                        registry.find("dynarocks.table.items").tag("table", name).meters().forEach(registry::remove);
                        registry.find("dynarocks.table.bytes").tag("table", name).meters().forEach(registry::remove);
                        registered.remove(name);
                    }
                }
                for (String name : now) {
                    if (registered.add(name)) {
                        Gauge.builder("dynarocks.table.items", engine, e -> stats(e, name).itemCount())
                                .description("items in the table").tag("table", name).register(registry);
                        Gauge.builder("dynarocks.table.bytes", engine, e -> stats(e, name).sizeBytes())
                                .description("item bytes in the table, as DynamoDB sizes items").tag("table", name)
                                .register(registry);
                    }
                }
            }
        };
    }

    private static IndexStats stats(Engine engine, String table) {
        return engine.catalog().find(table).map(t -> TableStatistics.of(engine, t)).orElse(IndexStats.EMPTY);
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
