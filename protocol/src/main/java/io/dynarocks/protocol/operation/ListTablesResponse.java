package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** ListTables' response. */
public record ListTablesResponse(List<String> tableNames, String lastEvaluatedTableName) implements Response {

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("TableNames");
        for (String name : tableNames) {
            g.writeString(name);
        }
        g.writeEndArray();
        if (lastEvaluatedTableName != null) {
            g.writeStringField("LastEvaluatedTableName", lastEvaluatedTableName);
        }
    }
}
