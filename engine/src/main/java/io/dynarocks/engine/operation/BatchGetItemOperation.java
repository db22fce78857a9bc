package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.limits.Throttled;
import io.dynarocks.engine.limits.Throughput;
import io.dynarocks.engine.expression.Projector;
import io.dynarocks.engine.item.Capacity;
import io.dynarocks.engine.item.ItemSource;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.BatchGetItemRequest;
import io.dynarocks.protocol.operation.BatchGetItemRequest.KeysAndAttributes;
import io.dynarocks.protocol.operation.BatchResponse;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import io.dynarocks.protocol.operation.Response;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchGetItem: reads each key like GetItem (each item's size rounded on its own); keys left once the
 * response holds 16 MB come back as UnprocessedKeys.
 */
public final class BatchGetItemOperation implements Operation<BatchGetItemRequest> {

    /** DynamoDB's response size limit for BatchGetItem. */
    static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

    private final Engine engine;
    private final ItemSource items;

    public BatchGetItemOperation(Engine engine, ItemSource items) {
        this.engine = engine;
        this.items = items;
    }

    @Override
    public Response execute(BatchGetItemRequest request) {
        Map<String, Projection> projections = new LinkedHashMap<>();
        Map<String, List<PrimaryKey>> primaryKeys = new LinkedHashMap<>();
        Map<String, TableDefinition> tables = new LinkedHashMap<>();
        for (Map.Entry<String, KeysAndAttributes> e : request.requestItems().entrySet()) {
            KeysAndAttributes k = e.getValue();
            projections.put(e.getKey(),
                    ItemExpressions.projection(k.projectionExpression(), k.attributesToGet(), k.expressionParameters()));
            TableDefinition table = engine.catalog().require(e.getKey());
            Set<ByteBuffer> seen = new HashSet<>();
            List<PrimaryKey> keys = new ArrayList<>();
            for (Map<String, AttributeValue> key : k.keys()) {
                PrimaryKey primaryKey = Keys.ofKey(table.keySchema(), key);
                byte[] storageKey = ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, primaryKey);
                if (!seen.add(ByteBuffer.wrap(storageKey))) {
                    throw DynamoException.validation("Provided list of item keys contains duplicates");
                }
                keys.add(primaryKey);
            }
            primaryKeys.put(e.getKey(), keys);
            tables.put(e.getKey(), table);
        }
        boolean requested = ConsumedCapacity.requested(request.returnConsumedCapacity());
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>();
        List<ConsumedCapacity> capacity = new ArrayList<>();
        long responseBytes = 0;
        boolean limited = engine.limited();
        Throughput throughput = engine.throughput();
        DynamoException throttled = null;
        boolean anyRead = false;
        for (Map.Entry<String, KeysAndAttributes> e : request.requestItems().entrySet()) {
            KeysAndAttributes k = e.getValue();
            List<Map<String, AttributeValue>> found = new ArrayList<>();
            List<Map<String, AttributeValue>> left = new ArrayList<>();
            double units = 0;
            List<PrimaryKey> keys = primaryKeys.get(e.getKey());
            for (int i = 0; i < keys.size(); i++) {
                if (responseBytes >= MAX_RESPONSE_BYTES) {
                    left.add(k.keys().get(i));
                    continue;
                }
                TableDefinition table = tables.get(e.getKey());
                try {
                    if (limited) {
                        throughput.admitRead(table, null, keys.get(i).hash());
                    }
                } catch (DynamoException refused) {
                    if (!Throttled.isThrottling(refused)) {
                        throw refused;
                    }
                    // A throttled key is returned in UnprocessedKeys for the caller to retry.
                    throttled = refused;
                    left.add(k.keys().get(i));
                    continue;
                }
                anyRead = true;
                Map<String, AttributeValue> item = items.get(table, keys.get(i), k.consistentRead());
                long size = item == null ? 0 : ItemSize.of(item);
                double itemUnits = Capacity.read(size, k.consistentRead());
                if (limited) {
                    throughput.charge(table, keys.get(i).hash(), false, itemUnits);
                }
                units += itemUnits;
                if (item != null) {
                    responseBytes += size;
                    Projection p = projections.get(e.getKey());
                    found.add(p == null ? item : Projector.project(p, item));
                }
            }
            responses.put(e.getKey(), found);
            if (!left.isEmpty()) {
                unprocessed.put(e.getKey(), new KeysAndAttributes(left, k.projectionExpression(),
                        k.attributesToGet(), k.expressionParameters(), k.consistentRead()));
            }
            if (requested) {
                capacity.add(ConsumedCapacity.read(e.getKey(), units, "INDEXES".equals(request.returnConsumedCapacity())));
            }
        }
        if (!anyRead && throttled != null) {
            // DynamoDB answers the throttling error itself when no key of the batch could be read.
            throw throttled;
        }
        return new BatchResponse(responses, unprocessed, requested ? capacity : null);
    }
}
