package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.LegacyConditional;
import io.dynarocks.protocol.operation.ConditionCheckRequest;
import java.util.Map;
import java.util.function.Predicate;

/** TransactWriteItems' ConditionCheck action: a condition on an item that the transaction leaves as it is. */
public final class ConditionCheck {

    private ConditionCheck() {}

    public static ItemWrite plan(Engine engine, ConditionCheckRequest request) {
        // The request decoder already requires the ConditionExpression.
        Predicate<Map<String, AttributeValue>> condition = ItemExpressions.writeCondition(
                request.conditionExpression(), LegacyConditional.NONE, request.expressionParameters());
        return plan(engine, request, condition);
    }

    /** A check whose condition is given already (PartiQL's EXISTS plans it from its statement). */
    public static ItemWrite plan(Engine engine, ConditionCheckRequest request,
            Predicate<Map<String, AttributeValue>> condition) {
        TableDefinition table = engine.catalog().require(request.tableName());
        return new ItemWrite(table, Keys.ofKey(table.keySchema(), request.key()), condition,
                request.returnOldOnConditionFailure(), null, null);
    }
}
