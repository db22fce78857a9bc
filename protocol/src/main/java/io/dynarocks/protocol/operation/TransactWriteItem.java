package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import java.io.IOException;

/**
 * One action of TransactWriteItems: exactly one of Put, Update, Delete or ConditionCheck is set.
 * The first three reuse the single-item requests (without ReturnValues or capacity options).
 */
public record TransactWriteItem(PutItemRequest put, UpdateItemRequest update, DeleteItemRequest delete,
        ConditionCheckRequest conditionCheck) {

    /** Reads element {@code n} (1-based, as DynamoDB numbers members in messages) of TransactItems. */
    static TransactWriteItem read(JsonReader r, int n, Constraints c) throws IOException {
        ItemMembers[] found = new ItemMembers[4];
        int[] count = {0};
        r.readObject((name, v) -> {
            int slot = switch (name) {
                case "Put" -> 0;
                case "Update" -> 1;
                case "Delete" -> 2;
                case "ConditionCheck" -> 3;
                default -> -1;
            };
            if (slot < 0 || v.isNull()) {
                v.skip();
                return;
            }
            found[slot] = ItemMembers.read(v);
            count[0]++;
        });
        if (count[0] == 0) {
            throw DynamoException.validation(
                    "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request");
        }
        if (count[0] > 1) {
            throw DynamoException.validation("TransactItems can only contain one of Check, Put, Update or Delete");
        }
        String at = "transactItems." + n + ".member.";
        if (found[0] != null) {
            ItemMembers m = check(found[0], c, at + "put.");
            c.notNull(m.item, at + "put.item");
            return new TransactWriteItem(new PutItemRequest(m.tableName, m.item, m.conditionExpression,
                    m.expressionParameters(), ReturnValues.NONE, null, allOld(m)), null, null, null);
        }
        if (found[1] != null) {
            ItemMembers m = check(found[1], c, at + "update.");
            c.notNull(m.key, at + "update.key").notNull(m.updateExpression, at + "update.updateExpression");
            return new TransactWriteItem(null, new UpdateItemRequest(m.tableName, m.key, m.updateExpression,
                    m.conditionExpression, m.expressionParameters(), ReturnValues.NONE, null, allOld(m)), null, null);
        }
        if (found[2] != null) {
            ItemMembers m = check(found[2], c, at + "delete.");
            c.notNull(m.key, at + "delete.key");
            return new TransactWriteItem(null, null, new DeleteItemRequest(m.tableName, m.key, m.conditionExpression,
                    m.expressionParameters(), ReturnValues.NONE, null, allOld(m)), null);
        }
        ItemMembers m = check(found[3], c, at + "conditionCheck.");
        c.notNull(m.key, at + "conditionCheck.key")
                .notNull(m.conditionExpression, at + "conditionCheck.conditionExpression");
        return new TransactWriteItem(null, null, null, new ConditionCheckRequest(m.tableName, m.key,
                m.conditionExpression, m.expressionParameters(), allOld(m)));
    }

    private static ItemMembers check(ItemMembers m, Constraints c, String prefix) {
        c.tableName(m.tableName, prefix + "tableName");
        c.oneOf(m.returnValuesOnConditionCheckFailure, prefix + "returnValuesOnConditionCheckFailure",
                "ALL_OLD", "NONE");
        return m;
    }

    private static boolean allOld(ItemMembers m) {
        return "ALL_OLD".equals(m.returnValuesOnConditionCheckFailure);
    }
}
