package io.dynarocks.protocol.expression.legacy;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.DocumentPath;
import io.dynarocks.protocol.expression.KeyCondition;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.expression.Update;
import io.dynarocks.protocol.expression.UpdateAction;
import io.dynarocks.protocol.expression.UpdateValue;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Translates the legacy parameters (Expected, QueryFilter/ScanFilter, KeyConditions, AttributeUpdates,
 * AttributesToGet) into the same ASTs as expressions, with DynamoDB's validation messages.
 */
public final class LegacyParameters {

    private LegacyParameters() {}

    /**
     * DynamoDB's refusal to mix legacy and expression parameters; pass the names of the parameters
     * present, in DynamoDB's order for the operation.
     */
    public static void checkNotMixed(List<String> nonExpressionParameters, List<String> expressionParameters) {
        // Every read and write checks; only a request that mixes them builds the message.
        if (!nonExpressionParameters.stream().anyMatch(Objects::nonNull)
                || !expressionParameters.stream().anyMatch(Objects::nonNull)) {
            return;
        }
        List<String> legacy = nonExpressionParameters.stream().filter(Objects::nonNull).toList();
        List<String> expressions = expressionParameters.stream().filter(Objects::nonNull).toList();
        if (!legacy.isEmpty() && !expressions.isEmpty()) {
            throw DynamoException.validation("Can not use both expression and non-expression parameters in the same "
                    + "request: Non-expression parameters: {" + String.join(", ", legacy) + "} Expression parameters: {"
                    + String.join(", ", expressions) + "}");
        }
    }

    /** {@link #checkNotMixed(List, List)} for one parameter of each kind; either may be null (absent). */
    public static void checkNotMixed(String nonExpressionParameter, String expressionParameter) {
        if (nonExpressionParameter != null && expressionParameter != null) {
            checkNotMixed(Arrays.asList(nonExpressionParameter), Arrays.asList(expressionParameter));
        }
    }

    /** The {@code Expected} parameter; null when it is null or empty. */
    public static Condition fromExpected(Map<String, ExpectedAttributeValue> expected, String conditionalOperator) {
        if (expected == null || expected.isEmpty()) {
            return null;
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, ExpectedAttributeValue> e : expected.entrySet()) {
            conditions.add(expected(e.getKey(), e.getValue()));
        }
        return LegacyConditions.combine(conditions, conditionalOperator);
    }

    private static Condition expected(String key, ExpectedAttributeValue c) {
        if (c.attributeValueList() != null && c.value() != null) {
            throw LegacyConditions.invalid("Value and AttributeValueList cannot be used together for Attribute: " + key);
        }
        String op = c.comparisonOperator();
        if (op != null) {
            if (c.exists() != null) {
                throw LegacyConditions.invalid(
                        "Exists and ComparisonOperator cannot be used together for Attribute: " + key);
            }
            if (!op.equals("NULL") && !op.equals("NOT_NULL") && c.attributeValueList() == null && c.value() == null) {
                throw LegacyConditions.invalid("Value or AttributeValueList must be used with ComparisonOperator: "
                        + op + " for Attribute: " + key);
            }
            List<AttributeValue> values = c.attributeValueList() != null ? c.attributeValueList()
                    : c.value() != null ? List.of(c.value()) : List.of();
            LegacyConditions.checkArgumentCount(op, values.size());
            if (!values.isEmpty()) {
                LegacyConditions.checkSameType(values);
                LegacyConditions.checkBetweenOrder(op, values);
            }
            return LegacyConditions.translate(key, op, values);
        }
        if (c.attributeValueList() != null) {
            throw LegacyConditions.invalid(
                    "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + key);
        }
        boolean exists = c.exists() == null || c.exists();
        if (exists && c.value() == null) {
            throw LegacyConditions.invalid("Value must be provided when Exists is " + c.exists() + " for Attribute: " + key);
        }
        if (!exists && c.value() != null) {
            throw LegacyConditions.invalid("Value cannot be used when Exists is false for Attribute: " + key);
        }
        return exists ? LegacyConditions.translate(key, "EQ", List.of(c.value()))
                : LegacyConditions.translate(key, "NULL", List.of());
    }

    /** {@code QueryFilter} or {@code ScanFilter}; null when null or empty. */
    public static Condition fromFilter(Map<String, LegacyCondition> filter, String conditionalOperator) {
        if (filter == null || filter.isEmpty()) {
            return null;
        }
        List<Condition> conditions = new ArrayList<>();
        for (Map.Entry<String, LegacyCondition> e : filter.entrySet()) {
            String op = e.getValue().comparisonOperator();
            List<AttributeValue> values = valueList(e.getValue());
            checkFilterCondition(op, values);
            conditions.add(LegacyConditions.translate(e.getKey(), op, values));
        }
        return LegacyConditions.combine(conditions, conditionalOperator);
    }

    /** {@code KeyConditions}, validated like filter conditions; matching the key schema is left to the caller. */
    public static KeyCondition fromKeyConditions(Map<String, LegacyCondition> keyConditions) {
        List<KeyCondition.Part> parts = new ArrayList<>();
        for (Map.Entry<String, LegacyCondition> e : keyConditions.entrySet()) {
            String op = e.getValue().comparisonOperator();
            List<AttributeValue> values = valueList(e.getValue());
            checkFilterCondition(op, values);
            KeyCondition.Operator keyOp;
            try {
                keyOp = KeyCondition.Operator.valueOf(op);
            } catch (IllegalArgumentException notAKeyOperator) {
                throw DynamoException.validation("Query key condition not supported");
            }
            parts.add(new KeyCondition.Part(e.getKey(), keyOp, values));
        }
        return new KeyCondition(parts);
    }

    private static List<AttributeValue> valueList(LegacyCondition c) {
        return c.attributeValueList() == null ? List.of() : c.attributeValueList();
    }

    private static void checkFilterCondition(String op, List<AttributeValue> values) {
        LegacyConditions.checkArgumentCount(op, values.size());
        if (!values.isEmpty()) {
            LegacyConditions.checkSameType(values);
        }
        LegacyConditions.checkTypes(op, values);
        LegacyConditions.checkBetweenOrder(op, values);
    }

    /** {@code AttributeUpdates}; an empty map gives an update with no actions. */
    public static Update fromAttributeUpdates(Map<String, AttributeValueUpdate> updates) {
        List<UpdateAction> actions = new ArrayList<>();
        for (Map.Entry<String, AttributeValueUpdate> e : updates.entrySet()) {
            DocumentPath path = DocumentPath.of(e.getKey());
            AttributeValue value = e.getValue().value();
            String action = e.getValue().action() == null ? "PUT" : e.getValue().action();
            if (value == null) {
                if (!action.equals("DELETE")) {
                    throw LegacyConditions.invalid("Only DELETE action is allowed when no attribute value is specified");
                }
                actions.add(new UpdateAction.Remove(path));
            } else if (action.equals("PUT")) {
                actions.add(new UpdateAction.Set(path, new UpdateValue.Literal(value)));
            } else if (action.equals("DELETE")) {
                if (!isSet(value)) {
                    throw LegacyConditions.invalid(
                            "DELETE action with value is not supported for the type " + value.typeName());
                }
                actions.add(new UpdateAction.Delete(path, value));
            } else {
                actions.add(legacyAdd(path, value));
            }
        }
        return new Update(actions, true);
    }

    private static UpdateAction legacyAdd(DocumentPath path, AttributeValue value) {
        if (value instanceof AttributeValue.L) {
            // Legacy ADD of a list appends to the existing list, or creates it.
            UpdateValue existing = new UpdateValue.IfNotExists(path, new UpdateValue.Literal(new AttributeValue.L(List.of())));
            return new UpdateAction.Set(path, new UpdateValue.ListAppend(existing, new UpdateValue.Literal(value)));
        }
        if (!(value instanceof AttributeValue.N) && !isSet(value)) {
            throw LegacyConditions.invalid("ADD action is not supported for the type " + value.typeName());
        }
        return new UpdateAction.Add(path, value);
    }

    private static boolean isSet(AttributeValue v) {
        return v instanceof AttributeValue.SS || v instanceof AttributeValue.NS || v instanceof AttributeValue.BS;
    }

    /** {@code AttributesToGet}: top-level names, no duplicates. */
    public static Projection fromAttributesToGet(List<String> attributes) {
        Set<String> seen = new HashSet<>();
        List<DocumentPath> paths = new ArrayList<>();
        for (String a : attributes) {
            if (!seen.add(a)) {
                throw LegacyConditions.invalid("Duplicate value in attribute name: " + a);
            }
            paths.add(DocumentPath.of(a));
        }
        return new Projection(paths);
    }
}
