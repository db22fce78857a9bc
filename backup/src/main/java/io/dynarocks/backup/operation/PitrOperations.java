package io.dynarocks.backup.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.backup.BackupErrors;
import io.dynarocks.backup.PitrSettings;
import io.dynarocks.backup.PitrStore;
import io.dynarocks.backup.TableRestorer;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.Snapshot;
import java.io.IOException;

/** UpdateContinuousBackups, DescribeContinuousBackups and RestoreTableToPointInTime. */
public final class PitrOperations {

    private PitrOperations() {}

    public static void register(OperationRegistry registry, Engine engine, PitrStore pitr, TableRestorer restorer) {
        registry.register("DescribeContinuousBackups", ContinuousBackupsRequest::decodeDescribe, request -> {
            TableDefinition t = table(engine, request.tableName());
            PitrSettings s = pitr.current(t);
            return g -> describe(g, pitr, s);
        });
        registry.register("UpdateContinuousBackups", ContinuousBackupsRequest::decodeUpdate, request -> {
            TableDefinition t = table(engine, request.tableName());
            PitrSettings s = pitr.update(t, request.enabled(), request.recoveryPeriodInDays());
            return g -> describe(g, pitr, s);
        });
        registry.register("RestoreTableToPointInTime", RestoreTableToPointInTimeRequest::decode, request -> {
            PitrSettings source = source(engine, pitr, request);
            long earliest = pitr.earliestMillis(source);
            long latest = pitr.latestMillis(source);
            long at = request.useLatest() ? latest : request.restoreMillis();
            if (at < earliest || at > latest) {
                throw new DynamoException("InvalidRestoreTimeException", "Restore time " + seconds(at)
                        + " is outside the restorable window [" + seconds(earliest) + ", " + seconds(latest) + "]", 400);
            }
            restorer.checkFree(request.target().tableName());
            TableDefinition from = source.deleted() ? source.table()
                    : engine.catalog().find(source.table().tableName()).orElse(source.table());
            TableDefinition definition = restorer.define(from, request.target());
            TableRestorer.Restored restored;
            try (Snapshot snapshot = pitr.snapshot()) {
                restored = restorer.restore(definition, pitr.imageAt(source, snapshot, at));
            }
            return new RestoredTableResponse(restored, null, from.tableArn(), at);
        });
    }

    private static PitrSettings source(Engine engine, PitrStore pitr, RestoreTableToPointInTimeRequest request) {
        if (request.sourceTableName() != null) {
            TableDefinition t = table(engine, request.sourceTableName());
            PitrSettings s = pitr.current(t);
            if (s == null) {
                throw unavailable(t.tableName());
            }
            return s;
        }
        return pitr.bySourceArn(request.sourceTableArn()).orElseThrow(() -> {
            String name = BackupRequests.tableName(request.sourceTableArn());
            return engine.catalog().exists(name) ? unavailable(name) : BackupErrors.tableNotFound(name);
        });
    }

    private static DynamoException unavailable(String table) {
        return new DynamoException("PointInTimeRecoveryUnavailableException",
                "Point in time recovery is not enabled for table '" + table + "'", 400);
    }

    private static TableDefinition table(Engine engine, String name) {
        return engine.catalog().find(name).orElseThrow(() -> BackupErrors.tableNotFound(name));
    }

    private static String seconds(long millis) {
        return java.time.Instant.ofEpochMilli(millis).toString();
    }

    private static void describe(JsonGenerator g, PitrStore pitr, PitrSettings s) throws IOException {
        g.writeObjectFieldStart("ContinuousBackupsDescription");
        g.writeStringField("ContinuousBackupsStatus", "ENABLED");
        g.writeObjectFieldStart("PointInTimeRecoveryDescription");
        if (s == null) {
            g.writeStringField("PointInTimeRecoveryStatus", "DISABLED");
        } else {
            g.writeStringField("PointInTimeRecoveryStatus", "ENABLED");
            g.writeNumberField("RecoveryPeriodInDays", s.recoveryDays());
            g.writeNumberField("EarliestRestorableDateTime", pitr.earliestMillis(s) / 1000.0);
            g.writeNumberField("LatestRestorableDateTime", pitr.latestMillis(s) / 1000.0);
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
