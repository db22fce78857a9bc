package io.dynarocks.protocol.model;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import java.io.IOException;

/**
 * The maximum read and write request units of an on-demand table or global index; a null member has no maximum.
 * In UpdateTable a member of -1 removes that maximum, and an absent member keeps the current one, as DynamoDB
 * merges them.
 */
public record OnDemandThroughput(Long maxReadRequestUnits, Long maxWriteRequestUnits) {

    /** UpdateTable's value that removes a maximum. */
    public static final long REMOVE = -1;

    /** Reads an {@code OnDemandThroughput} structure (null for JSON null). */
    public static OnDemandThroughput read(JsonReader r) throws IOException {
        if (r.isNull()) {
            return null;
        }
        Long[] f = new Long[2];
        r.readObject((n, v) -> {
            switch (n) {
                case "MaxReadRequestUnits" -> f[0] = v.readLong();
                case "MaxWriteRequestUnits" -> f[1] = v.readLong();
                default -> v.skip();
            }
        });
        return new OnDemandThroughput(f[0], f[1]);
    }

    /** Writes the {@code OnDemandThroughput} member with the maximums that are set. */
    public void write(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("OnDemandThroughput");
        if (maxReadRequestUnits != null) {
            g.writeNumberField("MaxReadRequestUnits", maxReadRequestUnits);
        }
        if (maxWriteRequestUnits != null) {
            g.writeNumberField("MaxWriteRequestUnits", maxWriteRequestUnits);
        }
        g.writeEndObject();
    }

    /**
     * Checks a request's maximums for the table ({@code indexName} null) or a global index of the table in
     * {@code billingMode}: none on a provisioned table; each at least 1, or -1 where {@code removable}
     * (UpdateTable). DynamoDB's wording, which spells "index: name" in one message and "index : name" in the other.
     */
    public void check(String billingMode, String indexName, boolean removable) {
        if ("PROVISIONED".equals(billingMode) && !isEmpty()) {
            String member = maxReadRequestUnits != null ? "MaxReadRequestUnits" : "MaxWriteRequestUnits";
            String subject = indexName == null ? "" : " for index: " + indexName;
            throw DynamoException.validation("One or more parameter values were invalid: " + member
                    + " for OnDemandThroughput" + subject + " cannot be specified when table BillingMode is "
                    + "PROVISIONED.");
        }
        String of = indexName == null ? "table" : "index : " + indexName;
        check(maxReadRequestUnits, "MaxReadRequestUnits", of, removable);
        check(maxWriteRequestUnits, "MaxWriteRequestUnits", of, removable);
    }

    private static void check(Long value, String member, String of, boolean removable) {
        if (value != null && value < 1 && !(removable && value == REMOVE)) {
            throw DynamoException.validation("One or more parameter values were invalid: Requested " + member
                    + " for OnDemandThroughput for " + of + " is outside of valid range");
        }
    }

    /** True when neither member is given. */
    public boolean isEmpty() {
        return maxReadRequestUnits == null && maxWriteRequestUnits == null;
    }

    /**
     * {@code update} applied to {@code current} (either may be null): a given member replaces the current one,
     * -1 removes it. Null when no maximum remains.
     */
    public static OnDemandThroughput merge(OnDemandThroughput current, OnDemandThroughput update) {
        if (update == null) {
            return current;
        }
        Long read = merged(current == null ? null : current.maxReadRequestUnits, update.maxReadRequestUnits);
        Long write = merged(current == null ? null : current.maxWriteRequestUnits, update.maxWriteRequestUnits);
        return read == null && write == null ? null : new OnDemandThroughput(read, write);
    }

    private static Long merged(Long current, Long update) {
        if (update == null) {
            return current;
        }
        return update == REMOVE ? null : update;
    }
}
