package io.dynarocks.protocol.operation;

/** The ReturnValues choices of the write operations. */
public enum ReturnValues {
    NONE, ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATED_NEW;

    static ReturnValues of(String text) {
        return text == null ? NONE : valueOf(text);
    }

    static void constrain(Constraints c, String value) {
        c.oneOf(value, "returnValues", "ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW");
    }
}
