package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.AttributeValue;
import java.util.Map;

/** DeleteItem's request. */
public record DeleteItemRequest(
        String tableName,
        Map<String, AttributeValue> key,
        String conditionExpression,
        ExpressionParameters expressionParameters,
        ReturnValues returnValues,
        String returnConsumedCapacity,
        boolean returnOldOnConditionFailure,
        LegacyConditional legacy,
        boolean returnItemCollectionMetrics) {

    /** A DeleteItem without legacy parameters. */
    public DeleteItemRequest(String tableName, Map<String, AttributeValue> key, String conditionExpression,
            ExpressionParameters expressionParameters, ReturnValues returnValues, String returnConsumedCapacity,
            boolean returnOldOnConditionFailure) {
        this(tableName, key, conditionExpression, expressionParameters, returnValues, returnConsumedCapacity,
                returnOldOnConditionFailure, LegacyConditional.NONE, false);
    }

    public static DeleteItemRequest decode(byte[] body) {
        ItemMembers m = ItemMembers.read(body);
        Constraints c = m.constraints().notNull(m.key, "key");
        ReturnValues.constrain(c, m.returnValues);
        c.check();
        ReturnValues rv = ReturnValues.allOldOrNone(m.returnValues);
        return new DeleteItemRequest(m.tableName, m.key, m.conditionExpression, m.expressionParameters(), rv,
                m.returnConsumedCapacity, "ALL_OLD".equals(m.returnValuesOnConditionCheckFailure),
                m.legacyConditional(), "SIZE".equals(m.returnItemCollectionMetrics));
    }
}
