package io.dynarocks.streams;

import io.dynarocks.protocol.AttributeValue;
import java.util.Map;

/**
 * One stream record, as GetRecords and subscribers see it. {@code newImage}/{@code oldImage} are
 * null when the stream's view type leaves them out; {@code serviceDelete} marks deletions made by
 * DynamoDB itself (TTL), reported with a service {@code userIdentity}.
 */
public record StreamRecord(String eventId, String eventName, long createdMillis, Map<String, AttributeValue> keys,
        Map<String, AttributeValue> newImage, Map<String, AttributeValue> oldImage, long sequenceNumber,
        long sizeBytes, String viewType, boolean serviceDelete) {

    /** The sequence number as DynamoDB writes it. */
    public String sequenceNumberText() {
        return Shard.formatSeq(sequenceNumber);
    }
}
