package io.dynarocks.backup.operation;

import io.dynarocks.backup.RestoreTarget;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;

/**
 * RestoreTableToPointInTime's request: the source (by name, or by ARN, also of a deleted table), the
 * time (RestoreDateTime or UseLatestRestorableTime) and the same overrides as a restore from a backup.
 */
public record RestoreTableToPointInTimeRequest(String sourceTableName, String sourceTableArn,
        Long restoreMillis, boolean useLatest, RestoreTarget target) {

    public static RestoreTableToPointInTimeRequest decode(byte[] body) {
        var overrides = new RestoreTableFromBackupRequest.Overrides();
        var f = new Object() {
            String name;
            String arn;
            Long millis;
            Boolean latest;
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "SourceTableName" -> f.name = r.readString();
                case "SourceTableArn" -> f.arn = r.readString();
                case "RestoreDateTime" -> f.millis = BackupRequests.millis(r);
                case "UseLatestRestorableTime" -> f.latest = r.readBoolean();
                default -> overrides.read(n, r);
            }
        });
        Constraints c = new Constraints();
        if (f.name != null) {
            c.tableName(f.name, "sourceTableName");
        }
        if (f.arn != null) {
            c.length(f.arn, 1, 1024, "sourceTableArn");
        }
        overrides.constrain(c);
        c.check();
        if ((f.name == null) == (f.arn == null)) {
            throw DynamoException.validation(f.name == null
                    ? "Either SourceTableName or SourceTableArn must be specified"
                    : "Only one of SourceTableName or SourceTableArn can be specified");
        }
        boolean latest = Boolean.TRUE.equals(f.latest);
        if (latest && f.millis != null) {
            throw DynamoException.validation("Only one of RestoreDateTime or UseLatestRestorableTime can be specified");
        }
        if (!latest && f.millis == null) {
            throw DynamoException.validation("Either RestoreDateTime or UseLatestRestorableTime must be specified");
        }
        return new RestoreTableToPointInTimeRequest(f.name, f.arn, f.millis, latest, overrides.target());
    }
}
