package io.dynarocks.streams.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.streams.StreamDescriptor;
import io.dynarocks.streams.StreamStore;
import java.util.regex.Pattern;

/** DynamoDB Streams' errors, with its messages. */
final class StreamErrors {

    /** A stream ARN: the table's ARN, then {@code /stream/} and the stream label (its creation time). */
    private static final Pattern STREAM_ARN = Pattern.compile("arn:aws:dynamodb:[a-z0-9-]+:\\d{12}:"
            + "table/[a-zA-Z0-9_.-]{3,255}/stream/\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}");

    private StreamErrors() {}

    /** The readable stream {@code arn} names: a malformed ARN is a ValidationException, an unknown one not found. */
    static StreamDescriptor requireStream(StreamStore store, String arn) {
        if (!STREAM_ARN.matcher(arn).matches()) {
            throw DynamoException.validation("Invalid StreamArn");
        }
        StreamDescriptor d = store.find(arn);
        if (d == null) {
            throw streamNotFound(arn);
        }
        return d;
    }

    static boolean isStreamArn(String arn) {
        return STREAM_ARN.matcher(arn).matches();
    }

    static DynamoException streamNotFound(String arn) {
        return DynamoException.resourceNotFound("Requested resource not found: Stream: " + arn + " not found");
    }

    static DynamoException shardNotFound(String shardId) {
        return DynamoException.resourceNotFound("Requested resource not found: Shard does not exist");
    }

    static DynamoException expiredIterator(long issuedMillis, long nowMillis) {
        return new DynamoException("ExpiredIteratorException", "Iterator expired. The iterator was created at time "
                + java.time.Instant.ofEpochMilli(issuedMillis) + " while right now it is "
                + java.time.Instant.ofEpochMilli(nowMillis) + " which is further in the future than the tolerated "
                + "delay of " + ShardIterator.LIFETIME_MILLIS + " milliseconds.", 400);
    }

    static DynamoException trimmed() {
        return new DynamoException("TrimmedDataAccessException",
                "The operation attempted to read past the oldest stream record in a shard.", 400);
    }
}
