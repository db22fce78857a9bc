package io.dynarocks.protocol.expression;

import io.dynarocks.protocol.AttributeValue;

/** The right-hand side of a SET action. */
public sealed interface UpdateValue {

    /** The value at a path of the old item; an error if absent. */
    record PathValue(DocumentPath path) implements UpdateValue {}

    record Literal(AttributeValue value) implements UpdateValue {}

    /** {@code if_not_exists(path, fallback)}. */
    record IfNotExists(DocumentPath path, UpdateValue fallback) implements UpdateValue {}

    /** {@code list_append(first, second)}. */
    record ListAppend(UpdateValue first, UpdateValue second) implements UpdateValue {}

    /** {@code left + right} or {@code left - right} on numbers. */
    record Arithmetic(boolean plus, UpdateValue left, UpdateValue right) implements UpdateValue {}
}
