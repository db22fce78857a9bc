package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.limits.Throttled;
import io.dynarocks.engine.index.IndexEntries;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.BatchResponse;
import io.dynarocks.protocol.operation.BatchWriteItemRequest;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.storage.StorageException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchWriteItem: the whole request is validated first (keys, sizes, duplicates, index key values), so
 * an invalid request anywhere writes nothing; then the puts and deletes are applied together in one
 * storage batch, with the same staging (hooks, counters) as PutItem and DeleteItem, or one by one when
 * throughput limits may refuse some of them (or a store holding writes back refuses the rest: they are
 * returned unprocessed).
 */
public final class BatchWriteItemOperation implements Operation<BatchWriteItemRequest> {

    private record Planned(TableDefinition table, PrimaryKey key, BatchWriteItemRequest.WriteRequest request) {}

    private final Engine engine;
    private final ReadModifyWrite rmw;

    public BatchWriteItemOperation(Engine engine) {
        this.engine = engine;
        this.rmw = new ReadModifyWrite(engine);
    }

    @Override
    public Response execute(BatchWriteItemRequest request) {
        List<Planned> planned = new ArrayList<>();
        for (Map.Entry<String, List<BatchWriteItemRequest.WriteRequest>> e : request.requestItems().entrySet()) {
            TableDefinition table = engine.catalog().require(e.getKey());
            Set<ByteBuffer> seen = new HashSet<>();
            for (BatchWriteItemRequest.WriteRequest w : e.getValue()) {
                PrimaryKey key = w.item() != null ? Keys.ofItem(table.keySchema(), w.item())
                        : Keys.ofKey(table.keySchema(), w.key());
                if (w.item() != null) {
                    ItemSize.requireWithinLimit(w.item());
                    // Checked for every request before any is written: one bad item rejects the whole batch.
                    IndexEntries.checkWritable(table, w.item());
                }
                if (!seen.add(ByteBuffer.wrap(ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, key)))) {
                    throw DynamoException.validation("Provided list of item keys contains duplicates");
                }
                planned.add(new Planned(table, key, w));
            }
        }
        Map<String, ConsumedCapacity> capacity = new LinkedHashMap<>();
        List<ItemWrite> applied = new ArrayList<>();
        Map<String, List<BatchWriteItemRequest.WriteRequest>> unprocessed = new LinkedHashMap<>();
        DynamoException throttled = null;
        if (!engine.limited()) {
            // No limits to admit each write against the capacity the ones before it consumed: every
            // write in one storage batch (not atomic in DynamoDB, but atomic here costs nothing).
            planned.forEach(p -> applied.add(write(p)));
            List<ReadModifyWrite.Result> results = rmw.applyTogether(applied);
            for (int i = 0; i < applied.size(); i++) {
                charge(capacity, applied.get(i), results.get(i), request.returnConsumedCapacity());
            }
        } else {
            for (Planned p : planned) {
                ItemWrite write = write(p);
                ReadModifyWrite.Result result;
                try {
                    result = rmw.applyMetered(write);
                } catch (StorageException.Stalled e) {
                    if (applied.isEmpty()) {
                        // Nothing written: the whole request can be tried again once the store takes writes.
                        throw e;
                    }
                    // Some writes are in: the rest are returned unprocessed, so a retry repeats none of them.
                    unprocessed.computeIfAbsent(p.table().tableName(), t -> new ArrayList<>()).add(p.request());
                    continue;
                } catch (DynamoException e) {
                    if (!Throttled.isThrottling(e)) {
                        throw e;
                    }
                    // A throttled write is returned in UnprocessedItems for the caller to retry.
                    throttled = e;
                    unprocessed.computeIfAbsent(p.table().tableName(), t -> new ArrayList<>()).add(p.request());
                    continue;
                }
                applied.add(write);
                charge(capacity, write, result, request.returnConsumedCapacity());
            }
        }
        if (applied.isEmpty() && throttled != null) {
            // DynamoDB answers the throttling error itself when no write of the batch could be processed.
            throw throttled;
        }
        return BatchResponse.writes(unprocessed,
                ConsumedCapacity.requested(request.returnConsumedCapacity()) ? List.copyOf(capacity.values()) : null,
                ItemCollections.forWrites(engine, "SIZE".equals(request.returnItemCollectionMetrics()), applied));
    }

    private static ItemWrite write(Planned p) {
        return new ItemWrite(p.table(), p.key(), null, false, old -> p.request().item(), null);
    }

    private void charge(Map<String, ConsumedCapacity> capacity, ItemWrite write, ReadModifyWrite.Result result,
            String returnConsumedCapacity) {
        ConsumedCapacity c = rmw.charge(write, result, returnConsumedCapacity);
        if (c != null) {
            capacity.merge(write.table().tableName(), c, ConsumedCapacity::plus);
        }
    }
}
