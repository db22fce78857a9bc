package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.model.OnDemandThroughput;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import java.io.IOException;

/**
 * One entry of UpdateTable's GlobalSecondaryIndexUpdates: exactly one of create, delete or update (of the
 * provisioned throughput or of the on-demand maximums).
 */
public record GlobalSecondaryIndexUpdate(SecondaryIndexSpec create, String deleteIndexName, String updateIndexName,
        ProvisionedThroughput updateThroughput, OnDemandThroughput updateOnDemandThroughput) {

    static GlobalSecondaryIndexUpdate read(JsonReader r) throws IOException {
        var f = new Object() {
            SecondaryIndexSpec create;
            String delete;
            String update;
            ProvisionedThroughput throughput;
            OnDemandThroughput onDemand;
        };
        r.readObject((n, v) -> {
            switch (n) {
                case "Create" -> f.create = SecondaryIndexSpec.read(v);
                case "Delete" -> v.readObject((dn, dv) -> {
                    if (dn.equals("IndexName")) {
                        f.delete = dv.readString();
                    } else {
                        dv.skip();
                    }
                });
                case "Update" -> v.readObject((un, uv) -> {
                    switch (un) {
                        case "IndexName" -> f.update = uv.readString();
                        case "ProvisionedThroughput" -> f.throughput = Members.throughput(uv);
                        case "OnDemandThroughput" -> f.onDemand = OnDemandThroughput.read(uv);
                        default -> uv.skip();
                    }
                });
                default -> v.skip();
            }
        });
        return new GlobalSecondaryIndexUpdate(f.create, f.delete, f.update, f.throughput,
                f.onDemand == null || f.onDemand.isEmpty() ? null : f.onDemand);
    }

    /** Member constraints of this entry, whose members are at {@code at} (ending with a dot). */
    void constrain(Constraints c, String at) {
        if (create != null) {
            SecondaryIndexRules.constrain(c, create, at + "create.");
        }
        if (deleteIndexName != null) {
            c.tableName(deleteIndexName, at + "delete.indexName");
        }
        if (updateIndexName != null) {
            c.tableName(updateIndexName, at + "update.indexName");
            if (updateOnDemandThroughput == null) {
                c.notNull(updateThroughput, at + "update.provisionedThroughput");
            }
            ThroughputRules.constraints(c, updateThroughput, at + "update.provisionedThroughput");
        }
    }
}
