package io.dynarocks.backup.operation;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;

/**
 * UpdateContinuousBackups' request (and DescribeContinuousBackups', which has only the table):
 * the PointInTimeRecoverySpecification.
 */
public record ContinuousBackupsRequest(String tableName, Boolean enabled, Integer recoveryPeriodInDays) {

    public static ContinuousBackupsRequest decodeDescribe(byte[] body) {
        String[] table = new String[1];
        JsonReader.readBody(body, (n, r) -> {
            if (n.equals("TableName")) {
                table[0] = r.readString();
            } else {
                r.skip();
            }
        });
        Constraints c = new Constraints();
        BackupRequests.checkTableName(c, table[0], "tableName");
        c.check();
        return new ContinuousBackupsRequest(BackupRequests.tableName(table[0]), null, null);
    }

    public static ContinuousBackupsRequest decodeUpdate(byte[] body) {
        var f = new Object() {
            String table;
            boolean specification;
            Boolean enabled;
            Integer days;
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "TableName" -> f.table = r.readString();
                case "PointInTimeRecoverySpecification" -> {
                    f.specification = !r.isNull();
                    r.readObject((m, v) -> {
                        switch (m) {
                            case "PointInTimeRecoveryEnabled" -> f.enabled = v.readBoolean();
                            case "RecoveryPeriodInDays" -> f.days = v.readInt();
                            default -> v.skip();
                        }
                    });
                }
                default -> r.skip();
            }
        });
        Constraints c = new Constraints();
        BackupRequests.checkTableName(c, f.table, "tableName");
        if (!f.specification) {
            c.notNull(null, "pointInTimeRecoverySpecification");
        } else {
            c.notNull(f.enabled, "pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled");
            c.range(f.days, 1, 35, "pointInTimeRecoverySpecification.recoveryPeriodInDays");
        }
        c.check();
        return new ContinuousBackupsRequest(BackupRequests.tableName(f.table), f.enabled, f.days);
    }
}
