package io.dynarocks.backup.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;

/** Decoding helpers shared by the backup actions' requests. */
final class BackupRequests {

    private BackupRequests() {}

    /** A table named by name or by ARN (the newer API accepts both); the name either way. */
    static String tableName(String nameOrArn) {
        if (nameOrArn != null && nameOrArn.startsWith("arn:")) {
            int at = nameOrArn.indexOf(":table/");
            return at < 0 ? nameOrArn : nameOrArn.substring(at + ":table/".length());
        }
        return nameOrArn;
    }

    /** Name constraints, unless the member is an ARN (then only its length). */
    static void checkTableName(Constraints c, String value, String member) {
        if (value != null && value.startsWith("arn:")) {
            c.length(value, 1, 1024, member);
        } else {
            c.tableName(value, member);
        }
    }

    /** A backup ARN: required, 37 to 1024 characters. */
    static String backupArn(byte[] body) {
        String[] arn = new String[1];
        JsonReader.readBody(body, (n, r) -> {
            if (n.equals("BackupArn")) {
                arn[0] = r.readString();
            } else {
                r.skip();
            }
        });
        Constraints c = new Constraints().notNull(arn[0], "backupArn");
        if (arn[0] != null) {
            c.length(arn[0], 37, 1024, "backupArn");
        }
        c.check();
        return arn[0];
    }

    /** Epoch seconds (with fraction) as milliseconds; null stays null. */
    static Long millis(JsonReader r) throws java.io.IOException {
        Double seconds = r.readDouble();
        return seconds == null ? null : Math.round(seconds * 1000);
    }

    static DynamoException invalid(String message) {
        return DynamoException.validation(message);
    }
}
