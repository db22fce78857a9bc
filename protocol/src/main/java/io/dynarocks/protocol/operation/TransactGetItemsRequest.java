package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;
import java.util.ArrayList;
import java.util.List;

/** TransactGetItems' request: up to 100 Gets, each read like a strongly consistent GetItem. */
public record TransactGetItemsRequest(List<GetItemRequest> gets, String returnConsumedCapacity) {

    public static TransactGetItemsRequest decode(byte[] body) {
        Constraints c = new Constraints();
        List<GetItemRequest> gets = new ArrayList<>();
        boolean[] present = {false};
        String[] capacity = new String[1];
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "TransactItems" -> present[0] = r.readList(e -> gets.add(get(e, gets.size() + 1, c))) != null;
                case "ReturnConsumedCapacity" -> capacity[0] = r.readString();
                default -> r.skip();
            }
        });
        c.notNull(present[0] ? gets : null, "transactItems");
        c.size(present[0] ? gets : null, 1, TransactWriteItemsRequest.MAX_ACTIONS, "transactItems");
        c.oneOf(capacity[0], "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE");
        c.check();
        return new TransactGetItemsRequest(List.copyOf(gets), capacity[0]);
    }

    private static GetItemRequest get(JsonReader r, int n, Constraints c) throws java.io.IOException {
        ItemMembers[] get = new ItemMembers[1];
        r.readObject((name, v) -> {
            if (name.equals("Get")) {
                get[0] = v.isNull() ? null : ItemMembers.read(v);
            } else {
                v.skip();
            }
        });
        String at = "transactItems." + n + ".member.get";
        c.notNull(get[0], at);
        if (get[0] == null) {
            return null;
        }
        ItemMembers m = get[0];
        c.tableName(m.tableName, at + ".tableName").notNull(m.key, at + ".key");
        // Transactional reads are always strongly consistent.
        return new GetItemRequest(m.tableName, m.key, true, m.projectionExpression, null, m.expressionParameters(),
                null);
    }
}
