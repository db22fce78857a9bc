package io.dynarocks.protocol.expression.legacy;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.Comparator;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.DocumentPath;
import io.dynarocks.protocol.expression.Operand;
import io.dynarocks.protocol.expression.ValueOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Validates legacy ComparisonOperator conditions and translates them into {@link Condition}s. */
final class LegacyConditions {

    private static final Set<String> SCALARS = Set.of("S", "N", "B");
    /** The value types each operator accepts; EQ and NE accept every type, lists and maps included. */
    private static final Map<String, Set<String>> TYPES = Map.of(
            "LE", SCALARS, "LT", SCALARS, "GE", SCALARS, "GT", SCALARS, "CONTAINS", SCALARS, "NOT_CONTAINS", SCALARS,
            "BEGINS_WITH", Set.of("S", "B"), "IN", SCALARS, "BETWEEN", SCALARS);

    private LegacyConditions() {}

    /** Checks the number of arguments for an operator; Expected and filters share this message. */
    static void checkArgumentCount(String operator, int count) {
        if (operator == null || !LegacyCondition.OPERATORS.contains(operator)) {
            throw DynamoException.constraint("Value '" + operator + "' at 'comparisonOperator' failed to satisfy "
                    + "constraint: Member must satisfy enum value set: [IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, "
                    + "NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
        }
        boolean ok;
        switch (operator) {
            case "NULL":
            case "NOT_NULL":
                ok = count == 0;
                break;
            case "IN":
                ok = count > 0;
                break;
            case "BETWEEN":
                ok = count == 2;
                break;
            default:
                ok = count == 1;
        }
        if (!ok) {
            throw invalid("Invalid number of argument(s) for the " + operator + " ComparisonOperator");
        }
    }

    static void checkSameType(List<AttributeValue> values) {
        for (AttributeValue v : values) {
            if (!v.typeName().equals(values.get(0).typeName())) {
                throw invalid("AttributeValues inside AttributeValueList must be of same type");
            }
        }
    }

    /** The per-operator type rule of QueryFilter/ScanFilter. */
    static void checkTypes(String operator, List<AttributeValue> values) {
        Set<String> allowed = TYPES.get(operator);
        for (AttributeValue v : values) {
            if (allowed != null && !allowed.contains(v.typeName())) {
                throw invalid("ComparisonOperator " + operator + " is not valid for " + v.typeName()
                        + " AttributeValue type");
            }
        }
    }

    static void checkBetweenOrder(String operator, List<AttributeValue> values) {
        if (operator.equals("BETWEEN") && ValueOrder.isOrderable(values.get(0))
                && values.get(0).typeName().equals(values.get(1).typeName())
                && ValueOrder.compare(values.get(0), values.get(1)) > 0) {
            throw DynamoException.validation(
                    "The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        }
    }

    /** The condition a legacy operator expresses on a top-level attribute. */
    static Condition translate(String attribute, String operator, List<AttributeValue> values) {
        DocumentPath path = DocumentPath.of(attribute);
        Operand subject = new Operand.Path(path);
        List<Operand> operands = new ArrayList<>();
        values.forEach(v -> operands.add(new Operand.Value(v)));
        switch (operator) {
            case "NULL":
                return new Condition.AttributeNotExists(path);
            case "NOT_NULL":
                return new Condition.AttributeExists(path);
            case "CONTAINS":
                return new Condition.Contains(subject, operands.get(0));
            case "NOT_CONTAINS":
                // Legacy NOT_CONTAINS does not match a missing attribute, unlike NOT contains(...).
                return new Condition.And(new Condition.AttributeExists(path),
                        new Condition.Not(new Condition.Contains(subject, operands.get(0))));
            case "BEGINS_WITH":
                return new Condition.BeginsWith(subject, operands.get(0));
            case "IN":
                return new Condition.In(subject, operands);
            case "BETWEEN":
                return new Condition.Between(subject, operands.get(0), operands.get(1));
            default:
                return new Condition.Comparison(Comparator.valueOf(operator), subject, operands.get(0));
        }
    }

    static Condition combine(List<Condition> conditions, String conditionalOperator) {
        boolean or = "OR".equals(conditionalOperator);
        Condition result = null;
        for (Condition c : conditions) {
            result = result == null ? c : or ? new Condition.Or(result, c) : new Condition.And(result, c);
        }
        return result;
    }

    static DynamoException invalid(String message) {
        return DynamoException.validation("One or more parameter values were invalid: " + message);
    }
}
