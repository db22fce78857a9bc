package io.dynarocks.dax;

import com.github.benmanes.caffeine.cache.Ticker;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.RequestGuard;
import io.dynarocks.engine.RequestHandler;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.engine.item.StorageItemSource;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.BatchWriteItemRequest;
import io.dynarocks.protocol.operation.DeleteItemRequest;
import io.dynarocks.protocol.operation.PutItemRequest;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.UpdateItemRequest;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The DAX-style endpoint's request handler: the engine's operations with point reads served by the
 * {@link ItemCache}, Query and Scan results by the {@link QueryCache}, and writes passed to the
 * engine and then written through to the item cache. Everything else (transactions, table
 * operations) passes through untouched, as in DAX.
 */
public final class DaxCache implements RequestHandler {

    private static final String PREFIX = OperationRegistry.DYNAMODB + ".";
    private static final Set<String> QUERIES = Set.of(PREFIX + "Query", PREFIX + "Scan");

    private final Engine engine;
    private final StorageItemSource storage;
    private final ItemCache items;
    private final QueryCache queries;
    private final OperationRegistry operations;

    public DaxCache(Engine engine, DaxCacheConfig config, Clock clock) {
        this.engine = engine;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.storage = new StorageItemSource(engine.storage());
        this.items = new ItemCache(storage, config, ticker);
        this.queries = new QueryCache(config, ticker);
        this.operations = new OperationRegistry(engine, items);
    }

    @Override
    public Response handle(String target, byte[] body) {
        return handle(target, body, null);
    }

    @Override
    public Response handle(String target, byte[] body, String address) {
        if (target != null && QUERIES.contains(target)) {
            CanonicalRequest request = CanonicalRequest.of(target, body);
            if (!request.valid() || request.consistentRead()) {
                return operations.handle(target, body);
            }
            return queries.get(request.text(), () -> operations.handle(target, body));
        }
        Response response = operations.handle(target, body, address);
        writeThrough(target, body);
        return response;
    }

    /**
     * Cached answers skip the operation, so the guard sees a query decoded on its own (auth on only); other
     * requests go to their operation with the guard, which may refuse some of their parts only.
     */
    @Override
    public Response handle(String target, byte[] body, String address, RequestGuard guard) {
        if (guard == null) {
            return handle(target, body, address);
        }
        if (target != null && QUERIES.contains(target)) {
            operations.admit(target, body, address, guard);
            return handle(target, body, address);
        }
        Response response = operations.handle(target, body, address, guard);
        writeThrough(target, body);
        return response;
    }

    @Override
    public Set<String> names() {
        return operations.names();
    }

    /** After a successful single-item write, the item cache holds the item as the write left it. */
    private void writeThrough(String target, byte[] body) {
        if ((PREFIX + "PutItem").equals(target)) {
            PutItemRequest r = PutItemRequest.decode(body);
            TableDefinition table = engine.catalog().require(r.tableName());
            refresh(table, Keys.ofItem(table.keySchema(), r.item()));
        } else if ((PREFIX + "UpdateItem").equals(target)) {
            UpdateItemRequest r = UpdateItemRequest.decode(body);
            TableDefinition table = engine.catalog().require(r.tableName());
            refresh(table, Keys.ofKey(table.keySchema(), r.key()));
        } else if ((PREFIX + "BatchWriteItem").equals(target)) {
            BatchWriteItemRequest r = BatchWriteItemRequest.decode(body);
            r.requestItems().forEach((tableName, writes) -> {
                TableDefinition table = engine.catalog().require(tableName);
                for (BatchWriteItemRequest.WriteRequest w : writes) {
                    refresh(table, w.item() != null ? Keys.ofItem(table.keySchema(), w.item())
                            : Keys.ofKey(table.keySchema(), w.key()));
                }
            });
        } else if ((PREFIX + "DeleteItem").equals(target)) {
            DeleteItemRequest r = DeleteItemRequest.decode(body);
            TableDefinition table = engine.catalog().require(r.tableName());
            items.written(table, Keys.ofKey(table.keySchema(), r.key()), null);
        }
    }

    private void refresh(TableDefinition table, PrimaryKey key) {
        Map<String, AttributeValue> item = storage.get(table, key, true);
        items.written(table, key, item);
    }

    /** Item cache counters: hits, misses, evictions, size. */
    public CacheStatistics itemCacheStatistics() {
        return items.statistics();
    }

    /** Query cache counters. */
    public CacheStatistics queryCacheStatistics() {
        return queries.statistics();
    }
}
