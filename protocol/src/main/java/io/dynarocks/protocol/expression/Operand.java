package io.dynarocks.protocol.expression;

import io.dynarocks.protocol.AttributeValue;

/** An operand of a condition: a document path, a literal value or {@code size(...)}. */
public sealed interface Operand permits Operand.Path, Operand.Value, Operand.Size {

    /** The value at a document path of the item (absent if the path does not resolve). */
    record Path(DocumentPath path) implements Operand {}

    /** A value from ExpressionAttributeValues (or a legacy AttributeValueList). */
    record Value(AttributeValue value) implements Operand {}

    /** {@code size(operand)}: a number, absent if the operand is absent or has no size. */
    record Size(Operand of) implements Operand {}

    static Operand path(DocumentPath p) {
        return new Path(p);
    }

    static Operand value(AttributeValue v) {
        return new Value(v);
    }
}
