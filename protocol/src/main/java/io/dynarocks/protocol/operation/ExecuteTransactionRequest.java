package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;
import java.util.ArrayList;
import java.util.List;

/**
 * ExecuteTransaction's request: 1 to 100 PartiQL statements run as one transaction. {@code digest}
 * identifies the request's content for ClientRequestToken idempotency, as TransactWriteItems' does.
 */
public record ExecuteTransactionRequest(List<ParameterizedStatement> statements, String clientRequestToken,
        String returnConsumedCapacity, byte[] digest) {

    public static ExecuteTransactionRequest decode(byte[] body) {
        Constraints c = new Constraints();
        List<ParameterizedStatement> statements = new ArrayList<>();
        boolean[] present = {false};
        String[] strings = new String[2];
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "TransactStatements" -> present[0] = r.readList(e -> statements.add(
                        ParameterizedStatement.Members.read(e, c,
                                "transactStatements." + (statements.size() + 1) + ".member."))) != null;
                case "ClientRequestToken" -> strings[0] = r.readString();
                case "ReturnConsumedCapacity" -> strings[1] = r.readString();
                default -> r.skip();
            }
        });
        c.notNull(present[0] ? statements : null, "transactStatements");
        c.size(present[0] ? statements : null, 1, TransactWriteItemsRequest.MAX_ACTIONS, "transactStatements");
        c.length(strings[0], 1, 36, "clientRequestToken");
        c.oneOf(strings[1], "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE");
        c.check();
        return new ExecuteTransactionRequest(List.copyOf(statements), strings[0], strings[1],
                TransactWriteItemsRequest.sha256(body));
    }
}
