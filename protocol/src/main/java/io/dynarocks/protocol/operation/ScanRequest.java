package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;

/** Scan's request: the shared {@link ReadOptions} and, for a parallel scan, the segment to read. */
public record ScanRequest(ReadOptions options, Integer segment, Integer totalSegments) {

    public static ScanRequest decode(byte[] body) {
        ReadMembers m = ReadMembers.read(body, "ScanFilter");
        Constraints c = m.constraints();
        c.range(m.segment, 0, 999_999, "segment");
        c.range(m.totalSegments, 1, 1_000_000, "totalSegments");
        c.check();
        if (m.segment != null && m.totalSegments == null) {
            throw DynamoException.validation("The TotalSegments parameter is required but was not present in the "
                    + "request when parameter Segment is present");
        }
        if (m.totalSegments != null && m.segment == null) {
            throw DynamoException.validation("The Segment parameter is required but was not present in the request "
                    + "when parameter TotalSegments is present");
        }
        if (m.segment != null && m.segment >= m.totalSegments) {
            throw DynamoException.validation("The Segment parameter is zero-based and must be less than parameter "
                    + "TotalSegments: Segment: " + m.segment + " is out of bounds for TotalSegments: "
                    + m.totalSegments);
        }
        return new ScanRequest(m.options(), m.segment, m.totalSegments);
    }
}
