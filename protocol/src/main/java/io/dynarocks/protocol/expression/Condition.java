package io.dynarocks.protocol.expression;

import java.util.List;

/** A resolved condition (ConditionExpression, FilterExpression, or a translated legacy parameter). */
public sealed interface Condition {

    /** {@code left op right}. */
    record Comparison(Comparator op, Operand left, Operand right) implements Condition {}

    /** {@code value BETWEEN low AND high}. */
    record Between(Operand value, Operand low, Operand high) implements Condition {}

    /** {@code value IN (candidates...)}. */
    record In(Operand value, List<Operand> candidates) implements Condition {
        public In {
            candidates = List.copyOf(candidates);
        }
    }

    record And(Condition left, Condition right) implements Condition {}

    record Or(Condition left, Condition right) implements Condition {}

    record Not(Condition condition) implements Condition {}

    record AttributeExists(DocumentPath path) implements Condition {}

    record AttributeNotExists(DocumentPath path) implements Condition {}

    /** {@code attribute_type(subject, :t)}; {@code type} is a DynamoDB type descriptor such as {@code SS}. */
    record AttributeType(Operand subject, String type) implements Condition {}

    record BeginsWith(Operand subject, Operand prefix) implements Condition {}

    record Contains(Operand subject, Operand operand) implements Condition {}
}
