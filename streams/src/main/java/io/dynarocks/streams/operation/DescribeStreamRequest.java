package io.dynarocks.streams.operation;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;

/** DescribeStream's request; {@code childrenOf} is ShardFilter {Type: CHILD_SHARDS, ShardId}. */
public record DescribeStreamRequest(String streamArn, int limit, String exclusiveStartShardId, String childrenOf) {

    public static DescribeStreamRequest decode(byte[] body) {
        var f = new Object() {
            String arn;
            Integer limit;
            String start;
            boolean filter;
            String filterType;
            String filterShard;
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "StreamArn" -> f.arn = r.readString();
                case "Limit" -> f.limit = r.readInt();
                case "ExclusiveStartShardId" -> f.start = r.readString();
                case "ShardFilter" -> {
                    f.filter = !r.isNull();
                    r.readObject((fn, fr) -> {
                        switch (fn) {
                            case "Type" -> f.filterType = fr.readString();
                            case "ShardId" -> f.filterShard = fr.readString();
                            default -> fr.skip();
                        }
                    });
                }
                default -> r.skip();
            }
        });
        Constraints c = new Constraints().notNull(f.arn, "streamArn").range(f.limit, 1, 100, "limit");
        if (f.start != null && f.start.length() < 28) {
            c.fail(f.start, "exclusiveStartShardId", "Member must have length greater than or equal to 28");
        }
        if (f.filter) {
            // Both members are optional in the model, but a filter needs both.
            c.notNull(f.filterType, "shardFilter.type").notNull(f.filterShard, "shardFilter.shardId");
            c.length(f.filterShard, 28, 65, "shardFilter.shardId");
        }
        c.oneOf(f.filterType, "shardFilter.type", "CHILD_SHARDS");
        c.check();
        return new DescribeStreamRequest(f.arn, f.limit == null ? 100 : f.limit, f.start,
                f.filter ? f.filterShard : null);
    }
}
