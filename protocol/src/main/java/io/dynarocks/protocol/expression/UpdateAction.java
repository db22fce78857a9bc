package io.dynarocks.protocol.expression;

import io.dynarocks.protocol.AttributeValue;

/** One action of an update: SET, REMOVE, ADD or DELETE on a document path. */
public sealed interface UpdateAction {

    DocumentPath path();

    record Set(DocumentPath path, UpdateValue value) implements UpdateAction {}

    record Remove(DocumentPath path) implements UpdateAction {}

    /** Adds a number, or the elements of a set; creates the attribute when missing. */
    record Add(DocumentPath path, AttributeValue value) implements UpdateAction {}

    /** Removes the elements of a set; removes the attribute when the set becomes empty. */
    record Delete(DocumentPath path, AttributeValue value) implements UpdateAction {}
}
