package io.dynarocks.streams.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;

/** GetShardIterator's request. */
public record GetShardIteratorRequest(String streamArn, String shardId, String type, String sequenceNumber) {

    public static GetShardIteratorRequest decode(byte[] body) {
        var f = new Object() {
            String arn;
            String shard;
            String type;
            String seq;
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "StreamArn" -> f.arn = r.readString();
                case "ShardId" -> f.shard = r.readString();
                case "ShardIteratorType" -> f.type = r.readString();
                case "SequenceNumber" -> f.seq = r.readString();
                default -> r.skip();
            }
        });
        Constraints c = new Constraints().notNull(f.arn, "streamArn").notNull(f.shard, "shardId")
                .notNull(f.type, "shardIteratorType")
                .oneOf(f.type, "shardIteratorType", "TRIM_HORIZON", "LATEST", "AT_SEQUENCE_NUMBER",
                        "AFTER_SEQUENCE_NUMBER");
        if (f.seq != null && f.seq.length() < 21) {
            c.fail(f.seq, "sequenceNumber", "Member must have length greater than or equal to 21");
        }
        c.check();
        boolean needsSeq = f.type.endsWith("SEQUENCE_NUMBER");
        if (needsSeq && f.seq == null) {
            throw DynamoException.validation("Must specify a sequence number for iterator type " + f.type);
        }
        if (!needsSeq && f.seq != null) {
            throw DynamoException.validation("Sequence number must not be specified for iterator type " + f.type);
        }
        return new GetShardIteratorRequest(f.arn, f.shard, f.type, f.seq);
    }
}
