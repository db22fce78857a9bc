package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.expression.legacy.ExpectedAttributeValue;
import java.util.Map;

/** A write's legacy condition parameters: {@code Expected} and {@code ConditionalOperator} (either may be null). */
public record LegacyConditional(Map<String, ExpectedAttributeValue> expected, String conditionalOperator) {
    public static final LegacyConditional NONE = new LegacyConditional(null, null);
}
