package io.dynarocks.protocol.expression.legacy;

import io.dynarocks.protocol.AttributeValue;
import java.util.List;

/** One entry of the legacy {@code QueryFilter}, {@code ScanFilter} or {@code KeyConditions} parameters. */
public record LegacyCondition(String comparisonOperator, List<AttributeValue> attributeValueList) {

    /** The comparison operators, in the order DynamoDB lists them in its enum constraint message. */
    public static final List<String> OPERATORS = List.of("IN", "NULL", "BETWEEN", "LT", "NOT_CONTAINS", "EQ", "GT",
            "NOT_NULL", "NE", "LE", "BEGINS_WITH", "GE", "CONTAINS");
}
