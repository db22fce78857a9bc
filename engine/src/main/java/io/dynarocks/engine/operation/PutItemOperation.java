package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.index.IndexEntries;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.PutItemRequest;
import io.dynarocks.protocol.operation.Response;
import java.util.Map;
import java.util.function.Predicate;

/** PutItem: replaces the whole item, optionally under a condition. */
public final class PutItemOperation implements Operation<PutItemRequest> {

    private final Engine engine;
    private final ReadModifyWrite rmw;

    public PutItemOperation(Engine engine) {
        this.engine = engine;
        this.rmw = new ReadModifyWrite(engine);
    }

    @Override
    public Response execute(PutItemRequest request) {
        return rmw.applyReturningOld(plan(request), request.returnValues(), request.returnConsumedCapacity(),
                request.returnItemCollectionMetrics());
    }

    /**
     * Runs a put whose condition is resolved already (a translated PartiQL INSERT); the request carries
     * no expressions.
     */
    public Response execute(PutItemRequest request, Predicate<Map<String, AttributeValue>> condition) {
        return rmw.applyReturningOld(plan(request, condition), request.returnValues(),
                request.returnConsumedCapacity(), request.returnItemCollectionMetrics());
    }

    /** Validates the request and plans its write (also one Put of TransactWriteItems). */
    public ItemWrite plan(PutItemRequest request) {
        return plan(request, ItemExpressions.writeCondition(request.conditionExpression(), request.legacy(),
                request.expressionParameters()));
    }

    /** Plans a put under a resolved condition (null for none). */
    public ItemWrite plan(PutItemRequest request, Predicate<Map<String, AttributeValue>> condition) {
        // The whole request is validated before the table is looked up: an oversized item on a missing
        // table is a ValidationException, as in DynamoDB.
        ItemSize.requireWithinLimit(request.item());
        TableDefinition table = engine.catalog().require(request.tableName());
        PrimaryKey key = Keys.ofItem(table.keySchema(), request.item());
        IndexEntries.checkWritable(table, request.item());
        return new ItemWrite(table, key, condition, request.returnOldOnConditionFailure(), old -> request.item(),
                null);
    }
}
