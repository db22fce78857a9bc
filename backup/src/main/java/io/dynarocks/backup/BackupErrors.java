package io.dynarocks.backup;

import io.dynarocks.protocol.DynamoException;

/** The errors of the backup actions, with DynamoDB's types and wording. */
public final class BackupErrors {

    private BackupErrors() {}

    public static DynamoException tableNotFound(String table) {
        return new DynamoException("TableNotFoundException", "Table not found: " + table, 400);
    }

    public static DynamoException backupNotFound(String arn) {
        return new DynamoException("BackupNotFoundException", "Backup not found: " + arn, 400);
    }

    public static DynamoException tableAlreadyExists(String table) {
        return new DynamoException("TableAlreadyExistsException", "Table already exists: " + table, 400);
    }

    /** Another backup, deletion or restore of the same table or backup is still running. */
    public static DynamoException backupInUse() {
        return new DynamoException("BackupInUseException", "There is another ongoing conflicting backup control "
                + "plane operation on the table. The backup is either being created, deleted or restored to a table.",
                400);
    }

    public static DynamoException tableInUse(String table) {
        return new DynamoException("TableInUseException", "Table is being restored: " + table, 400);
    }
}
