package io.dynarocks.replication.legacy;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;

/** ListGlobalTables' request: paging (a name to start after, a limit) and an optional region filter. */
public record ListGlobalTablesRequest(String exclusiveStartGlobalTableName, Integer limit, String regionName) {

    public static ListGlobalTablesRequest decode(byte[] body) {
        var f = new Object() {
            String start;
            Integer limit;
            String region;
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "ExclusiveStartGlobalTableName" -> f.start = r.readString();
                case "Limit" -> f.limit = r.readInt();
                case "RegionName" -> f.region = r.readString();
                default -> r.skip();
            }
        });
        Constraints c = new Constraints();
        if (f.start != null) {
            c.tableName(f.start, "exclusiveStartGlobalTableName");
        }
        c.range(f.limit, 1, Integer.MAX_VALUE, "limit");
        c.check();
        return new ListGlobalTablesRequest(f.start, f.limit, f.region);
    }
}
