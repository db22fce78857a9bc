package io.dynarocks.streams.operation;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;

/** GetRecords' request. */
public record GetRecordsRequest(String shardIterator, int limit) {

    public static GetRecordsRequest decode(byte[] body) {
        var f = new Object() {
            String iterator;
            Integer limit;
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "ShardIterator" -> f.iterator = r.readString();
                case "Limit" -> f.limit = r.readInt();
                default -> r.skip();
            }
        });
        new Constraints().notNull(f.iterator, "shardIterator").range(f.limit, 1, 1000, "limit").check();
        return new GetRecordsRequest(f.iterator, f.limit == null ? 1000 : f.limit);
    }
}
