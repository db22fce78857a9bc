package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.expression.Projector;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.engine.transaction.TransactionCapacity;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.GetItemRequest;
import io.dynarocks.protocol.operation.TransactGetItemsRequest;
import io.dynarocks.protocol.operation.TransactGetItemsResponse;
import io.dynarocks.storage.Snapshot;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * TransactGetItems: reads up to 100 items across tables from one storage snapshot, so the result
 * is a serializable view: no transaction is ever seen half-applied.
 */
public final class TransactGetItemsOperation implements Operation<TransactGetItemsRequest> {

    private final Engine engine;

    public TransactGetItemsOperation(Engine engine) {
        this.engine = engine;
    }

    /** One validated Get. */
    private record Read(TableDefinition table, byte[] key, Projection projection, AttributeValue hash) {}

    @Override
    public TransactGetItemsResponse execute(TransactGetItemsRequest request) {
        return execute(request, request.gets().stream().map(GetItemOperation::projection).toList());
    }

    /**
     * Runs the reads with projections resolved already (a PartiQL transaction of SELECTs; null for the
     * whole item): {@code projections.get(i)} is that of {@code request.gets().get(i)}.
     */
    public TransactGetItemsResponse execute(TransactGetItemsRequest request, List<Projection> projections) {
        List<Read> reads = new ArrayList<>();
        Set<ByteBuffer> targets = new HashSet<>();
        for (int i = 0; i < request.gets().size(); i++) {
            GetItemRequest get = request.gets().get(i);
            Projection projection = projections.get(i);
            TableDefinition table = engine.catalog().require(get.tableName());
            PrimaryKey primaryKey = Keys.ofKey(table.keySchema(), get.key());
            byte[] key = ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, primaryKey);
            if (!targets.add(ByteBuffer.wrap(key))) {
                throw DynamoException.validation("Transaction request cannot include multiple operations on one item");
            }
            reads.add(new Read(table, key, projection, primaryKey.hash()));
        }
        if (engine.limited()) {
            TransactWriteItemsOperation.admit(engine, reads.stream()
                    .map(r -> new TransactWriteItemsOperation.Admission(r.table(), r.hash(), false)).toList());
        }
        List<Map<String, AttributeValue>> items = new ArrayList<>(reads.size());
        TransactionCapacity capacity = TransactionCapacity.reads();
        try (Snapshot snapshot = engine.storage().snapshot()) {
            for (Read read : reads) {
                byte[] stored = engine.storage().get(snapshot, read.key());
                Map<String, AttributeValue> item = stored == null ? null : ItemCodec.decode(stored);
                double units = capacity.charge(read.table().tableName(), item == null ? 0 : ItemSize.of(item));
                if (engine.limited()) {
                    engine.throughput().charge(read.table(), read.hash(), false, units);
                }
                items.add(item != null && read.projection() != null ? Projector.project(read.projection(), item) : item);
            }
        }
        return new TransactGetItemsResponse(items, capacity.report(request.returnConsumedCapacity()));
    }
}
