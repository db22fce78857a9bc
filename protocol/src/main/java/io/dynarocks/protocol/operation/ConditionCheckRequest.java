package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.AttributeValue;
import java.util.Map;

/** A ConditionCheck action of TransactWriteItems: a condition on an item that the transaction does not change. */
public record ConditionCheckRequest(
        String tableName,
        Map<String, AttributeValue> key,
        String conditionExpression,
        ExpressionParameters expressionParameters,
        boolean returnOldOnConditionFailure) {}
