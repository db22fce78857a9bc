package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;

/** ExecuteStatement's request: one PartiQL statement, with paging and capacity options. */
public record ExecuteStatementRequest(ParameterizedStatement statement, Integer limit, String nextToken,
        String returnConsumedCapacity) {

    public static ExecuteStatementRequest decode(byte[] body) {
        ParameterizedStatement.Members m = new ParameterizedStatement.Members();
        Integer[] limit = new Integer[1];
        String[] strings = new String[2];
        JsonReader.readBody(body, (name, r) -> {
            if (m.field(name, r)) {
                return;
            }
            switch (name) {
                case "Limit" -> limit[0] = r.readInt();
                case "NextToken" -> strings[0] = r.readString();
                case "ReturnConsumedCapacity" -> strings[1] = r.readString();
                default -> r.skip();
            }
        });
        Constraints c = new Constraints();
        ParameterizedStatement statement = m.check(c, "");
        c.length(strings[0], 1, 32768, "nextToken");
        c.range(limit[0], 1, Integer.MAX_VALUE, "limit");
        c.oneOf(strings[1], "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE");
        c.check();
        return new ExecuteStatementRequest(statement, limit[0], strings[0], strings[1]);
    }
}
