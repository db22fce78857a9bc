package io.dynarocks.it.linearizability;

/**
 * One operation on one register as a client saw it: what it asked, what it got, and when.
 *
 * @param kind      read, write or compare-and-set
 * @param value     the value written (write, CAS) or read (read; null: no value)
 * @param expected  the value a CAS required (null: that the register is empty)
 * @param outcome   OK, FAIL (definitely not applied: a CAS whose condition was false) or UNKNOWN
 * @param invoked   when the request was sent (nanoTime)
 * @param completed when its answer came ({@link Long#MAX_VALUE} for UNKNOWN: it may take effect at any later time)
 */
public record Operation(Kind kind, String value, String expected, Outcome outcome, long invoked, long completed) {

    /** What the client asked for. */
    public enum Kind { READ, WRITE, CAS }

    /** What the client learned. */
    public enum Outcome { OK, FAIL, UNKNOWN }

    public Operation {
        if (outcome == Outcome.UNKNOWN) {
            completed = Long.MAX_VALUE;
        }
        if (completed < invoked) {
            throw new IllegalArgumentException("completed before invoked");
        }
    }

    public static Operation read(String value, long invoked, long completed) {
        return new Operation(Kind.READ, value, null, Outcome.OK, invoked, completed);
    }

    public static Operation write(String value, Outcome outcome, long invoked, long completed) {
        return new Operation(Kind.WRITE, value, null, outcome, invoked, completed);
    }

    public static Operation cas(String expected, String value, Outcome outcome, long invoked, long completed) {
        return new Operation(Kind.CAS, value, expected, outcome, invoked, completed);
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case READ -> "read -> " + value;
            case WRITE -> "write " + value;
            case CAS -> "cas " + expected + " -> " + value;
        };
        return what + " " + outcome + " [" + invoked + ", " + (completed == Long.MAX_VALUE ? "inf" : completed) + "]";
    }
}
