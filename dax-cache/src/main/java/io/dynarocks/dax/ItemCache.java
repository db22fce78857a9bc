package io.dynarocks.dax;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.ItemSource;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.TableDefinition;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * DAX's item cache: whole items by table and key, including negative entries for items that do
 * not exist. Strongly consistent reads bypass it, as in DAX; projections are applied to the cached
 * whole item by the GetItem operation, so one entry serves every projection.
 */
public final class ItemCache implements ItemSource {

    private final ItemSource origin;
    private final Cache<ByteBuffer, Optional<Map<String, AttributeValue>>> cache;

    ItemCache(ItemSource origin, DaxCacheConfig config, Ticker ticker) {
        this.origin = origin;
        this.cache = Caffeine.newBuilder()
                .expireAfterWrite(config.itemTtl())
                .maximumSize(config.itemMaxEntries())
                .ticker(ticker)
                .executor(Runnable::run)
                .recordStats()
                .build();
    }

    @Override
    public Map<String, AttributeValue> get(TableDefinition table, PrimaryKey key, boolean consistentRead) {
        if (consistentRead) {
            return origin.get(table, key, true);
        }
        return cache.get(cacheKey(table, key), k -> Optional.ofNullable(origin.get(table, key, false))
                .map(Collections::unmodifiableMap)).orElse(null);
    }

    /** Write-through: the item as the write left it (null when deleted). */
    void written(TableDefinition table, PrimaryKey key, Map<String, AttributeValue> item) {
        cache.put(cacheKey(table, key), Optional.ofNullable(item).map(Collections::unmodifiableMap));
    }

    CacheStatistics statistics() {
        cache.cleanUp();
        var s = cache.stats();
        return new CacheStatistics(s.hitCount(), s.missCount(), s.evictionCount(), cache.estimatedSize());
    }

    private static ByteBuffer cacheKey(TableDefinition table, PrimaryKey key) {
        // The storage key names the table by its never-reused id, so a re-created table never sees old entries.
        return ByteBuffer.wrap(ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, key));
    }
}
