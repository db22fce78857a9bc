package io.dynarocks.protocol.expression.legacy;

import io.dynarocks.protocol.AttributeValue;
import java.util.List;

/** One entry of the legacy {@code QueryFilter}, {@code ScanFilter} or {@code KeyConditions} parameters. */
public record LegacyCondition(String comparisonOperator, List<AttributeValue> attributeValueList) {}
