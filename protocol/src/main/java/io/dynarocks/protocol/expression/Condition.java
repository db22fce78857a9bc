package io.dynarocks.protocol.expression;

import java.util.ArrayList;
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

    /** Every document path the condition reads, in textual order. */
    static List<DocumentPath> paths(Condition c) {
        List<DocumentPath> out = new ArrayList<>();
        collect(c, out);
        return out;
    }

    private static void collect(Condition c, List<DocumentPath> out) {
        if (c instanceof And x) {
            collect(x.left(), out);
            collect(x.right(), out);
        } else if (c instanceof Or x) {
            collect(x.left(), out);
            collect(x.right(), out);
        } else if (c instanceof Not x) {
            collect(x.condition(), out);
        } else if (c instanceof Comparison x) {
            collect(x.left(), out);
            collect(x.right(), out);
        } else if (c instanceof Between x) {
            collect(x.value(), out);
            collect(x.low(), out);
            collect(x.high(), out);
        } else if (c instanceof In x) {
            collect(x.value(), out);
            x.candidates().forEach(o -> collect(o, out));
        } else if (c instanceof AttributeExists x) {
            out.add(x.path());
        } else if (c instanceof AttributeNotExists x) {
            out.add(x.path());
        } else if (c instanceof AttributeType x) {
            collect(x.subject(), out);
        } else if (c instanceof BeginsWith x) {
            collect(x.subject(), out);
            collect(x.prefix(), out);
        } else {
            Contains x = (Contains) c;
            collect(x.subject(), out);
            collect(x.operand(), out);
        }
    }

    private static void collect(Operand o, List<DocumentPath> out) {
        if (o instanceof Operand.Path p) {
            out.add(p.path());
        } else if (o instanceof Operand.Size s) {
            collect(s.of(), out);
        }
    }
}
