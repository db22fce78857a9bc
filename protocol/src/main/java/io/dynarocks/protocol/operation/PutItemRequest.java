package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.AttributeValue;
import java.util.Map;

/** PutItem's request. */
public record PutItemRequest(
        String tableName,
        Map<String, AttributeValue> item,
        String conditionExpression,
        ExpressionParameters expressionParameters,
        ReturnValues returnValues,
        String returnConsumedCapacity,
        boolean returnOldOnConditionFailure,
        LegacyConditional legacy,
        boolean returnItemCollectionMetrics) {

    /** A PutItem without legacy parameters. */
    public PutItemRequest(String tableName, Map<String, AttributeValue> item, String conditionExpression,
            ExpressionParameters expressionParameters, ReturnValues returnValues, String returnConsumedCapacity,
            boolean returnOldOnConditionFailure) {
        this(tableName, item, conditionExpression, expressionParameters, returnValues, returnConsumedCapacity,
                returnOldOnConditionFailure, LegacyConditional.NONE, false);
    }

    public static PutItemRequest decode(byte[] body) {
        ItemMembers m = ItemMembers.read(body);
        Constraints c = m.constraints().notNull(m.item, "item");
        ReturnValues.constrain(c, m.returnValues);
        c.check();
        ReturnValues rv = ReturnValues.allOldOrNone(m.returnValues);
        return new PutItemRequest(m.tableName, m.item, m.conditionExpression, m.expressionParameters(), rv,
                m.returnConsumedCapacity, "ALL_OLD".equals(m.returnValuesOnConditionCheckFailure),
                m.legacyConditional(), "SIZE".equals(m.returnItemCollectionMetrics));
    }
}
