package io.dynarocks.streams.operation;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;

/** ListStreams' request. */
public record ListStreamsRequest(String tableName, int limit, String exclusiveStartStreamArn) {

    public static ListStreamsRequest decode(byte[] body) {
        var f = new Object() {
            String table;
            Integer limit;
            String start;
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "TableName" -> f.table = r.readString();
                case "Limit" -> f.limit = r.readInt();
                case "ExclusiveStartStreamArn" -> f.start = r.readString();
                default -> r.skip();
            }
        });
        Constraints c = new Constraints();
        if (f.table != null) {
            c.tableName(f.table, "tableName");
        }
        c.range(f.limit, 1, 100, "limit").check();
        return new ListStreamsRequest(f.table, f.limit == null ? 100 : f.limit, f.start);
    }
}
