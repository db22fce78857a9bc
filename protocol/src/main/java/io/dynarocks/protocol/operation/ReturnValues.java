package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;

/** The ReturnValues choices of the write operations. */
public enum ReturnValues {
    NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW;

    static ReturnValues of(String text) {
        return text == null ? NONE : valueOf(text);
    }

    /** The choice of PutItem and DeleteItem, which can return only the old item. */
    static ReturnValues allOldOrNone(String text) {
        ReturnValues rv = of(text);
        if (rv != NONE && rv != ALL_OLD) {
            throw DynamoException.validation("ReturnValues can only be ALL_OLD or NONE");
        }
        return rv;
    }

    static void constrain(Constraints c, String value) {
        c.oneOf(value, "returnValues", "ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW");
    }
}
