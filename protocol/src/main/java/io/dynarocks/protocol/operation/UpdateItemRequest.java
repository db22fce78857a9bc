package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.legacy.AttributeValueUpdate;
import java.util.Map;

/** UpdateItem's request. */
public record UpdateItemRequest(
        String tableName,
        Map<String, AttributeValue> key,
        String updateExpression,
        String conditionExpression,
        ExpressionParameters expressionParameters,
        ReturnValues returnValues,
        String returnConsumedCapacity,
        boolean returnOldOnConditionFailure,
        LegacyConditional legacy,
        Map<String, AttributeValueUpdate> attributeUpdates,
        boolean returnItemCollectionMetrics) {

    /** An UpdateItem without legacy parameters. */
    public UpdateItemRequest(String tableName, Map<String, AttributeValue> key, String updateExpression,
            String conditionExpression, ExpressionParameters expressionParameters, ReturnValues returnValues,
            String returnConsumedCapacity, boolean returnOldOnConditionFailure) {
        this(tableName, key, updateExpression, conditionExpression, expressionParameters, returnValues,
                returnConsumedCapacity, returnOldOnConditionFailure, LegacyConditional.NONE, null, false);
    }

    public static UpdateItemRequest decode(byte[] body) {
        ItemMembers m = ItemMembers.read(body);
        Constraints c = m.constraints().notNull(m.key, "key");
        ReturnValues.constrain(c, m.returnValues);
        c.check();
        return new UpdateItemRequest(m.tableName, m.key, m.updateExpression, m.conditionExpression,
                m.expressionParameters(), ReturnValues.of(m.returnValues), m.returnConsumedCapacity,
                "ALL_OLD".equals(m.returnValuesOnConditionCheckFailure), m.legacyConditional(), m.attributeUpdates,
                "SIZE".equals(m.returnItemCollectionMetrics));
    }
}
