package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;
import java.util.ArrayList;
import java.util.List;

/** BatchExecuteStatement's request: 1 to 25 PartiQL statements, each run on its own. */
public record BatchExecuteStatementRequest(List<ParameterizedStatement> statements, String returnConsumedCapacity) {

    /** DynamoDB's limit on the statements of one batch. */
    public static final int MAX_STATEMENTS = 25;

    public static BatchExecuteStatementRequest decode(byte[] body) {
        Constraints c = new Constraints();
        List<ParameterizedStatement> statements = new ArrayList<>();
        boolean[] present = {false};
        String[] capacity = new String[1];
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "Statements" -> present[0] = r.readList(e -> statements.add(ParameterizedStatement.Members.read(
                        e, c, "statements." + (statements.size() + 1) + ".member."))) != null;
                case "ReturnConsumedCapacity" -> capacity[0] = r.readString();
                default -> r.skip();
            }
        });
        c.notNull(present[0] ? statements : null, "statements");
        c.size(present[0] ? statements : null, 1, MAX_STATEMENTS, "statements");
        c.oneOf(capacity[0], "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE");
        c.check();
        return new BatchExecuteStatementRequest(List.copyOf(statements), capacity[0]);
    }
}
