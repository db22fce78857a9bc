package io.dynarocks.engine.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.StreamSettings;
import io.dynarocks.protocol.operation.StreamSpecification;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Applies a CreateTable/UpdateTable StreamSpecification to a table's stream settings, with DynamoDB's checks. */
public final class StreamSpecifications {

    // DynamoDB's stream labels are the stream's creation time, e.g. 2015-05-11T21:21:33.291.
    private static final DateTimeFormatter LABEL =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    private StreamSpecifications() {}

    /** The settings of a new table: a stream only when the specification enables one. */
    public static StreamSettings forNewTable(StreamSpecification spec, long nowMillis) {
        if (spec == null || !spec.streamEnabled()) {
            return null;
        }
        return enabled(spec, null, nowMillis);
    }

    /** The settings after UpdateTable; {@code current} may be null (never had a stream). */
    public static StreamSettings update(String tableName, StreamSettings current, StreamSpecification spec,
            long nowMillis) {
        if (spec == null) {
            return current;
        }
        boolean hasStream = current != null && current.enabled();
        if (spec.streamEnabled()) {
            if (hasStream) {
                throw DynamoException.validation("Table already has an enabled stream: TableName: " + tableName);
            }
            return enabled(spec, current, nowMillis);
        }
        if (!hasStream) {
            throw DynamoException.validation("Table has no stream to disable: TableName: " + tableName);
        }
        return new StreamSettings(false, current.viewType(), current.label());
    }

    private static StreamSettings enabled(StreamSpecification spec, StreamSettings previous, long nowMillis) {
        if (spec.streamViewType() == null) {
            throw DynamoException.validation(
                    "One or more parameter values were invalid: StreamViewType is required when StreamEnabled is true");
        }
        String label = LABEL.format(Instant.ofEpochMilli(nowMillis));
        if (previous != null && label.compareTo(previous.label()) <= 0) {
            // Re-enabling within the same millisecond must still give a new stream ARN.
            label = LABEL.format(Instant.from(LABEL.parse(previous.label())).plusMillis(1));
        }
        return new StreamSettings(true, spec.streamViewType(), label);
    }
}
