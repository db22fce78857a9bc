package io.dynarocks.protocol.expression.legacy;

import io.dynarocks.protocol.AttributeValue;
import java.util.List;

/** One entry of the legacy {@code Expected} parameter; any member may be null (absent). */
public record ExpectedAttributeValue(AttributeValue value, Boolean exists, String comparisonOperator,
                                     List<AttributeValue> attributeValueList) {}
