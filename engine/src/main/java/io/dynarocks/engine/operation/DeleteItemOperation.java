package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.DeleteItemRequest;
import io.dynarocks.protocol.operation.ItemResponse;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.ReturnValues;
import java.util.Map;
import java.util.function.Predicate;

/** DeleteItem: removes the item, optionally under a condition; deleting a missing item succeeds. */
public final class DeleteItemOperation implements Operation<DeleteItemRequest> {

    private final Engine engine;
    private final ReadModifyWrite rmw;

    public DeleteItemOperation(Engine engine) {
        this.engine = engine;
        this.rmw = new ReadModifyWrite(engine);
    }

    @Override
    public Response execute(DeleteItemRequest request) {
        ItemWrite write = plan(request);
        ReadModifyWrite.Result result = rmw.apply(write);
        Map<String, AttributeValue> attributes =
                request.returnValues() == ReturnValues.ALL_OLD ? result.oldItem() : null;
        return new ItemResponse("Attributes", attributes,
                WriteCapacity.of(request.returnConsumedCapacity(), write.table(), result),
                ItemCollections.metrics(engine, request.returnItemCollectionMetrics(), write.table(), write.key()));
    }

    /** Validates the request and plans its write (also one Delete of TransactWriteItems). */
    public ItemWrite plan(DeleteItemRequest request) {
        ExpressionContext ctx = ItemExpressions.context(request.expressionParameters(),
                request.conditionExpression() != null, "ConditionExpression is null");
        Predicate<Map<String, AttributeValue>> condition = ItemExpressions.condition(request.conditionExpression(),
                request.legacy(), ctx);
        ctx.checkAllUsed();
        TableDefinition table = engine.catalog().require(request.tableName());
        PrimaryKey key = Keys.ofKey(table.keySchema(), request.key());
        return new ItemWrite(table, key, condition, request.returnOldOnConditionFailure(), old -> null, null);
    }
}
