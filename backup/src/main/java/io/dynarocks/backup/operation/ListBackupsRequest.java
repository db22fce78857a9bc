package io.dynarocks.backup.operation;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;

/**
 * ListBackups' request: optional table, creation-time range (lower bound inclusive, upper exclusive),
 * backup type (USER by default) and paging.
 */
public record ListBackupsRequest(String tableName, Integer limit, Long fromMillis, Long toMillis,
        String exclusiveStartBackupArn, String backupType) {

    public static ListBackupsRequest decode(byte[] body) {
        var f = new Object() {
            String table;
            Integer limit;
            Long from;
            Long to;
            String start;
            String type;
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "TableName" -> f.table = r.readString();
                case "Limit" -> f.limit = r.readInt();
                case "TimeRangeLowerBound" -> f.from = BackupRequests.millis(r);
                case "TimeRangeUpperBound" -> f.to = BackupRequests.millis(r);
                case "ExclusiveStartBackupArn" -> f.start = r.readString();
                case "BackupType" -> f.type = r.readString();
                default -> r.skip();
            }
        });
        Constraints c = new Constraints();
        if (f.table != null) {
            BackupRequests.checkTableName(c, f.table, "tableName");
        }
        if (f.limit != null) {
            c.range(f.limit, 1, 100, "limit");
        }
        if (f.start != null) {
            c.length(f.start, 37, 1024, "exclusiveStartBackupArn");
        }
        c.oneOf(f.type, "backupType", "USER", "SYSTEM", "AWS_BACKUP", "ALL");
        c.check();
        return new ListBackupsRequest(BackupRequests.tableName(f.table), f.limit, f.from, f.to, f.start,
                f.type == null ? "USER" : f.type);
    }
}
