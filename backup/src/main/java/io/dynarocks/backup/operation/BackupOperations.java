package io.dynarocks.backup.operation;

import io.dynarocks.backup.BackupRecord;
import io.dynarocks.backup.BackupStore;
import io.dynarocks.backup.TableRestorer;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.operation.Response;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** CreateBackup, DescribeBackup, DeleteBackup, ListBackups and RestoreTableFromBackup. */
public final class BackupOperations {

    private BackupOperations() {}

    public static void register(OperationRegistry registry, Engine engine, BackupStore backups,
            TableRestorer restorer) {
        registry.register("CreateBackup", CreateBackupRequest::decode, request -> {
            BackupRecord r = backups.create(request.tableName(), request.backupName());
            return g -> BackupJson.details(g, r);
        });
        registry.register("DescribeBackup", BackupRequests::backupArn, arn -> {
            BackupRecord r = backups.require(arn);
            return g -> BackupJson.description(g, r);
        });
        registry.register("DeleteBackup", BackupRequests::backupArn, arn -> {
            BackupRecord r = backups.delete(arn);
            return g -> BackupJson.description(g, r);
        });
        registry.register("ListBackups", ListBackupsRequest::decode, request -> list(backups, request));
        registry.register("RestoreTableFromBackup", RestoreTableFromBackupRequest::decode, request -> {
            BackupRecord r = backups.require(request.backupArn());
            restorer.checkFree(request.target().tableName());
            var definition = restorer.define(r.table(), request.target());
            TableRestorer.Restored restored = backups.restoring(r, items -> restorer.restore(definition, items));
            return new RestoredTableResponse(restored, r.arn(), r.table().tableArn(), engine.clock().millis());
        });
    }

    /** The matching backups in creation order, a page after ExclusiveStartBackupArn of at most Limit. */
    private static Response list(BackupStore backups, ListBackupsRequest q) {
        List<BackupRecord> matching = backups.all().stream()
                .filter(r -> q.tableName() == null || r.table().tableName().equals(q.tableName()))
                .filter(r -> "ALL".equals(q.backupType()) || r.type().equals(q.backupType()))
                .filter(r -> q.fromMillis() == null || r.creationMillis() >= q.fromMillis())
                .filter(r -> q.toMillis() == null || r.creationMillis() < q.toMillis())
                .sorted(Comparator.comparingLong(BackupRecord::creationMillis).thenComparing(BackupRecord::arn))
                .toList();
        int from = 0;
        if (q.exclusiveStartBackupArn() != null) {
            for (int i = 0; i < matching.size(); i++) {
                if (matching.get(i).arn().equals(q.exclusiveStartBackupArn())) {
                    from = i + 1;
                }
            }
        }
        int to = q.limit() == null ? matching.size() : Math.min(matching.size(), from + q.limit());
        List<BackupRecord> page = new ArrayList<>(matching.subList(Math.min(from, to), to));
        boolean more = to < matching.size();
        return g -> {
            g.writeArrayFieldStart("BackupSummaries");
            for (BackupRecord r : page) {
                BackupJson.summary(g, r);
            }
            g.writeEndArray();
            if (more && !page.isEmpty()) {
                g.writeStringField("LastEvaluatedBackupArn", page.get(page.size() - 1).arn());
            }
        };
    }
}
