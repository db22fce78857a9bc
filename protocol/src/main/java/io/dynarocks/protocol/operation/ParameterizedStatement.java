package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.AttributeValueJson;
import io.dynarocks.protocol.json.JsonReader;
import java.io.IOException;
import java.util.List;

/**
 * One PartiQL statement with its parameters, as ExecuteStatement, BatchExecuteStatement and
 * ExecuteTransaction carry it.
 */
public record ParameterizedStatement(String statement, List<AttributeValue> parameters, boolean consistentRead,
        boolean returnOldOnConditionFailure) {

    /** DynamoDB's limit on a statement's length. */
    static final int MAX_STATEMENT_LENGTH = 8192;

    public ParameterizedStatement {
        parameters = parameters == null ? List.of() : List.copyOf(parameters);
    }

    /** The members of one statement object; {@code at} prefixes member names in constraint messages. */
    static final class Members {
        String statement;
        List<AttributeValue> parameters;
        Boolean consistentRead;
        String returnValuesOnConditionCheckFailure;

        boolean field(String name, JsonReader r) throws IOException {
            switch (name) {
                case "Statement" -> statement = r.readString();
                case "Parameters" -> parameters = r.readList(AttributeValueJson::read);
                case "ConsistentRead" -> consistentRead = r.readBoolean();
                case "ReturnValuesOnConditionCheckFailure" -> returnValuesOnConditionCheckFailure = r.readString();
                default -> {
                    return false;
                }
            }
            return true;
        }

        ParameterizedStatement check(Constraints c, String at) {
            c.notNull(statement, at + "statement").length(statement, 1, MAX_STATEMENT_LENGTH, at + "statement");
            c.size(parameters, 1, Integer.MAX_VALUE, at + "parameters");
            c.oneOf(returnValuesOnConditionCheckFailure, at + "returnValuesOnConditionCheckFailure", "ALL_OLD", "NONE");
            return new ParameterizedStatement(statement, parameters, Boolean.TRUE.equals(consistentRead),
                    "ALL_OLD".equals(returnValuesOnConditionCheckFailure));
        }

        static ParameterizedStatement read(JsonReader r, Constraints c, String at) throws IOException {
            Members m = new Members();
            r.readObject((name, v) -> {
                if (!m.field(name, v)) {
                    v.skip();
                }
            });
            return m.check(c, at);
        }
    }
}
