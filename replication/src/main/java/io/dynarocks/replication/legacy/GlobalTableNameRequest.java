package io.dynarocks.replication.legacy;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;

/** The request of DescribeGlobalTable and DescribeGlobalTableSettings: a global table's name. */
public record GlobalTableNameRequest(String globalTableName) {

    public static GlobalTableNameRequest decode(byte[] body) {
        String[] name = new String[1];
        JsonReader.readBody(body, (n, r) -> {
            if (n.equals("GlobalTableName")) {
                name[0] = r.readString();
            } else {
                r.skip();
            }
        });
        new Constraints().tableName(name[0], "globalTableName").check();
        return new GlobalTableNameRequest(name[0]);
    }
}
