package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.expression.Projector;
import io.dynarocks.engine.item.Capacity;
import io.dynarocks.engine.item.ItemSource;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.engine.limits.Throughput;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import io.dynarocks.protocol.operation.GetItemRequest;
import io.dynarocks.protocol.operation.ItemResponse;
import io.dynarocks.protocol.operation.Response;
import java.util.Map;

/** GetItem: every read here is strongly consistent; ConsistentRead only changes the capacity charged. */
public final class GetItemOperation implements Operation<GetItemRequest> {

    private final Engine engine;
    private final ItemSource items;

    public GetItemOperation(Engine engine, ItemSource items) {
        this.engine = engine;
        this.items = items;
    }

    @Override
    public Response execute(GetItemRequest request) {
        Projection projection = projection(request);
        TableDefinition table = engine.catalog().require(request.tableName());
        PrimaryKey key = Keys.ofKey(table.keySchema(), request.key());
        boolean limited = engine.limited();
        if (limited) {
            engine.throughput().admitRead(table, null, key.hash());
        }
        Map<String, AttributeValue> item = items.get(table, key, request.consistentRead());
        String metering = limited ? Throughput.METERED : request.returnConsumedCapacity();
        ConsumedCapacity consumed = ConsumedCapacity.requested(metering)
                ? ConsumedCapacity.read(table.tableName(),
                        Capacity.read(item == null ? 0 : ItemSize.of(item), request.consistentRead()),
                        "INDEXES".equals(metering))
                : null;
        ConsumedCapacity capacity = limited ? engine.throughput().chargeRead(table, null, key.hash(), consumed,
                request.returnConsumedCapacity()) : consumed;
        if (item != null && projection != null) {
            item = Projector.project(projection, item);
        }
        return new ItemResponse("Item", item, capacity);
    }

    /** The request's projection (ProjectionExpression or legacy AttributesToGet), or null for the whole item. */
    static Projection projection(GetItemRequest request) {
        return ItemExpressions.projection(request.projectionExpression(), request.attributesToGet(),
                request.expressionParameters());
    }
}
