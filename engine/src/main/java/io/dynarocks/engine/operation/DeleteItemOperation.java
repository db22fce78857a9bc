package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.DeleteItemRequest;
import io.dynarocks.protocol.operation.Response;
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
        return rmw.applyReturningOld(plan(request), request.returnValues(), request.returnConsumedCapacity(),
                request.returnItemCollectionMetrics());
    }

    /**
     * Runs a delete whose condition is resolved already (a translated PartiQL DELETE); the request carries
     * no expressions.
     */
    public Response execute(DeleteItemRequest request, Predicate<Map<String, AttributeValue>> condition) {
        return rmw.applyReturningOld(plan(request, condition), request.returnValues(),
                request.returnConsumedCapacity(), request.returnItemCollectionMetrics());
    }

    /** Validates the request and plans its write (also one Delete of TransactWriteItems). */
    public ItemWrite plan(DeleteItemRequest request) {
        return plan(request, ItemExpressions.writeCondition(request.conditionExpression(), request.legacy(),
                request.expressionParameters()));
    }

    /** Plans a delete under a resolved condition (null for none). */
    public ItemWrite plan(DeleteItemRequest request, Predicate<Map<String, AttributeValue>> condition) {
        TableDefinition table = engine.catalog().require(request.tableName());
        PrimaryKey key = Keys.ofKey(table.keySchema(), request.key());
        return new ItemWrite(table, key, condition, request.returnOldOnConditionFailure(), old -> null, null);
    }
}
