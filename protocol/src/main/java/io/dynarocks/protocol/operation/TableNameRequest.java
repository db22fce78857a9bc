package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;

/** A request naming only a table: DescribeTable, DeleteTable. */
public record TableNameRequest(String tableName) {

    public static TableNameRequest decode(byte[] body) {
        String[] name = new String[1];
        JsonReader.readBody(body, (field, r) -> {
            if (field.equals("TableName")) {
                name[0] = r.readString();
            } else {
                r.skip();
            }
        });
        Constraints.required(name[0], "TableName");
        new Constraints().tableName(name[0], "tableName").check();
        return new TableNameRequest(name[0]);
    }
}
