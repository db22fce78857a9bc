package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;

/** ListTables' request. */
public record ListTablesRequest(String exclusiveStartTableName, int limit) {

    public static ListTablesRequest decode(byte[] body) {
        var f = new Object() {
            String start;
            Integer limit;
        };
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "ExclusiveStartTableName" -> f.start = r.readString();
                case "Limit" -> f.limit = r.readInt();
                default -> r.skip();
            }
        });
        Constraints c = new Constraints();
        if (f.start != null) {
            c.tableName(f.start, "exclusiveStartTableName");
        }
        c.range(f.limit, 1, 100, "limit").check();
        return new ListTablesRequest(f.start, f.limit == null ? 100 : f.limit);
    }
}
