package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.expression.Projector;
import io.dynarocks.engine.item.Capacity;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Expressions;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.expression.legacy.LegacyParameters;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import io.dynarocks.protocol.operation.GetItemRequest;
import io.dynarocks.protocol.operation.ItemResponse;
import io.dynarocks.protocol.operation.Response;
import java.util.Map;

/** GetItem: every read here is strongly consistent; ConsistentRead only changes the capacity charged. */
public final class GetItemOperation implements Operation<GetItemRequest> {

    private final Engine engine;

    public GetItemOperation(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Response execute(GetItemRequest request) {
        Projection projection = projection(request);
        TableDefinition table = engine.catalog().require(request.tableName());
        byte[] key = ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, Keys.ofKey(table.keySchema(), request.key()));
        byte[] stored = engine.storage().get(key);
        Map<String, AttributeValue> item = stored == null ? null : ItemCodec.decode(stored);
        ConsumedCapacity capacity = ConsumedCapacity.requested(request.returnConsumedCapacity())
                ? ConsumedCapacity.read(table.tableName(),
                        Capacity.read(item == null ? 0 : ItemSize.of(item), request.consistentRead()),
                        "INDEXES".equals(request.returnConsumedCapacity()))
                : null;
        if (item != null && projection != null) {
            item = Projector.project(projection, item);
        }
        return new ItemResponse("Item", item, capacity);
    }

    /** The request's projection (ProjectionExpression or legacy AttributesToGet), or null for the whole item. */
    static Projection projection(GetItemRequest request) {
        LegacyParameters.checkNotMixed(
                request.attributesToGet() != null ? "AttributesToGet" : null,
                request.projectionExpression() != null ? "ProjectionExpression" : null);
        ExpressionContext ctx = ItemExpressions.context(request.expressionParameters(),
                request.projectionExpression() != null, "ProjectionExpression is null");
        Projection projection = request.projectionExpression() != null
                ? Expressions.projection(request.projectionExpression(), ctx)
                : request.attributesToGet() != null ? LegacyParameters.fromAttributesToGet(request.attributesToGet())
                : null;
        ctx.checkAllUsed();
        return projection;
    }
}
