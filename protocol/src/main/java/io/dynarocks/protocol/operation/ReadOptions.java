package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.legacy.LegacyCondition;
import java.util.List;
import java.util.Map;

/**
 * What Query and Scan share: the table or index read, filtering ({@code FilterExpression} or the legacy
 * {@code QueryFilter}/{@code ScanFilter}), what to return, paging and capacity reporting.
 */
public record ReadOptions(
        String tableName,
        String indexName,
        String filterExpression,
        Map<String, LegacyCondition> legacyFilter,
        String conditionalOperator,
        String projectionExpression,
        List<String> attributesToGet,
        String select,
        Integer limit,
        boolean consistentRead,
        Map<String, AttributeValue> exclusiveStartKey,
        ExpressionParameters expressionParameters,
        String returnConsumedCapacity) {}
