package io.dynarocks.backup.operation;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;

/** CreateBackup's request: the table (name or ARN) and a name for the backup. */
public record CreateBackupRequest(String tableName, String backupName) {

    public static CreateBackupRequest decode(byte[] body) {
        String[] f = new String[2];
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "TableName" -> f[0] = r.readString();
                case "BackupName" -> f[1] = r.readString();
                default -> r.skip();
            }
        });
        Constraints c = new Constraints();
        BackupRequests.checkTableName(c, f[0], "tableName");
        c.tableName(f[1], "backupName");
        c.check();
        return new CreateBackupRequest(BackupRequests.tableName(f[0]), f[1]);
    }
}
