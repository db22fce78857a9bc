package io.dynarocks.streams.operation;

import io.dynarocks.protocol.DynamoException;

/** DynamoDB Streams' errors, with its messages. */
final class StreamErrors {

    private StreamErrors() {}

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
