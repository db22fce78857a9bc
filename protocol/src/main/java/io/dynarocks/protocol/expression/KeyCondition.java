package io.dynarocks.protocol.expression;

import io.dynarocks.protocol.AttributeValue;
import java.util.List;

/**
 * A resolved KeyConditionExpression (or legacy KeyConditions): one or two conditions, each on one
 * top-level attribute. Matching the parts against the table's key schema is left to the caller.
 */
public record KeyCondition(List<Part> parts) {

    public KeyCondition {
        parts = List.copyOf(parts);
    }

    /** The operators allowed in key conditions. */
    public enum Operator { EQ, LT, LE, GT, GE, BETWEEN, BEGINS_WITH }

    /** {@code attribute operator values}: one value, or two for BETWEEN. */
    public record Part(String attribute, Operator operator, List<AttributeValue> values) {
        public Part {
            values = List.copyOf(values);
        }

        /** The same test as a condition, for evaluation. */
        public Condition toCondition() {
            Operand key = new Operand.Path(DocumentPath.of(attribute));
            Operand first = new Operand.Value(values.get(0));
            switch (operator) {
                case BETWEEN:
                    return new Condition.Between(key, first, new Operand.Value(values.get(1)));
                case BEGINS_WITH:
                    return new Condition.BeginsWith(key, first);
                default:
                    return new Condition.Comparison(Comparator.valueOf(operator.name()), key, first);
            }
        }
    }

    /** The part on the given attribute, or null. */
    public Part part(String attribute) {
        for (Part p : parts) {
            if (p.attribute().equals(attribute)) {
                return p;
            }
        }
        return null;
    }
}
