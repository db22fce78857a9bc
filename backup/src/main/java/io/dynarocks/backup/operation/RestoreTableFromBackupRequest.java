package io.dynarocks.backup.operation;

import io.dynarocks.backup.RestoreTarget;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.OnDemandThroughput;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.operation.Constraints;
import io.dynarocks.protocol.operation.SecondaryIndexSpec;
import java.io.IOException;
import java.util.List;

/** RestoreTableFromBackup's request; SSESpecificationOverride is accepted and has no effect (no encryption here). */
public record RestoreTableFromBackupRequest(String backupArn, RestoreTarget target) {

    public static RestoreTableFromBackupRequest decode(byte[] body) {
        var f = new Overrides();
        String[] arn = new String[1];
        JsonReader.readBody(body, (n, r) -> {
            if (n.equals("BackupArn")) {
                arn[0] = r.readString();
            } else {
                f.read(n, r);
            }
        });
        Constraints c = new Constraints().notNull(arn[0], "backupArn");
        if (arn[0] != null) {
            c.length(arn[0], 37, 1024, "backupArn");
        }
        f.constrain(c);
        c.check();
        return new RestoreTableFromBackupRequest(arn[0], f.target());
    }

    /** The members every restore request shares (also RestoreTableToPointInTime's). */
    static final class Overrides {
        String targetTableName;
        String billing;
        ProvisionedThroughput throughput;
        OnDemandThroughput onDemand;
        List<SecondaryIndexSpec> gsis;
        List<SecondaryIndexSpec> lsis;

        /** Reads {@code name} if it is one of the shared members, else skips it. */
        void read(String name, JsonReader r) throws IOException {
            switch (name) {
                case "TargetTableName" -> targetTableName = r.readString();
                case "BillingModeOverride" -> billing = r.readString();
                case "ProvisionedThroughputOverride" -> throughput = TableDefinitionJson.throughput(r);
                case "OnDemandThroughputOverride" -> onDemand = OnDemandThroughput.read(r);
                case "GlobalSecondaryIndexOverride" -> gsis = r.readList(SecondaryIndexSpec::read);
                case "LocalSecondaryIndexOverride" -> lsis = r.readList(SecondaryIndexSpec::read);
                default -> r.skip();
            }
        }

        void constrain(Constraints c) {
            c.tableName(targetTableName, "targetTableName");
            c.oneOf(billing, "billingModeOverride", "PROVISIONED", "PAY_PER_REQUEST");
        }

        RestoreTarget target() {
            return new RestoreTarget(targetTableName, billing, throughput, gsis, lsis,
                    onDemand == null || onDemand.isEmpty() ? null : onDemand);
        }
    }
}
