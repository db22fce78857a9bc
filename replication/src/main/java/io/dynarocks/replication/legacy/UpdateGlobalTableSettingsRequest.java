package io.dynarocks.replication.legacy;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * UpdateGlobalTableSettings' request: the billing mode and write capacity of every replica (and of
 * each global secondary index), and per region its read capacity (and its indexes').
 */
public record UpdateGlobalTableSettingsRequest(String globalTableName, String billingMode, Long writeUnits,
        List<IndexUnits> indexWrites, List<ReplicaUpdate> replicas) {

    /** An index's capacity units. */
    public record IndexUnits(String indexName, Long units, boolean autoScaling) {}

    /** One ReplicaSettingsUpdate. */
    public record ReplicaUpdate(String regionName, Long readUnits, List<IndexUnits> indexReads, String tableClass,
            boolean autoScaling) {}

    public static UpdateGlobalTableSettingsRequest decode(byte[] body) {
        var f = new Object() {
            String name;
            String mode;
            Long write;
            boolean autoScaling;
            List<IndexUnits> indexes;
            List<ReplicaUpdate> replicas;
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "GlobalTableName" -> f.name = r.readString();
                case "GlobalTableBillingMode" -> f.mode = r.readString();
                case "GlobalTableProvisionedWriteCapacityUnits" -> f.write = r.readLong();
                case "GlobalTableProvisionedWriteCapacityAutoScalingSettingsUpdate" -> f.autoScaling = present(r);
                case "GlobalTableGlobalSecondaryIndexSettingsUpdate" ->
                        f.indexes = r.readList(in -> indexUnits(in, "ProvisionedWriteCapacityUnits",
                                "ProvisionedWriteCapacityAutoScalingSettingsUpdate"));
                case "ReplicaSettingsUpdate" -> f.replicas = r.readList(UpdateGlobalTableSettingsRequest::replica);
                default -> r.skip();
            }
        });
        Constraints c = new Constraints().tableName(f.name, "globalTableName");
        c.oneOf(f.mode, "globalTableBillingMode", "PROVISIONED", "PAY_PER_REQUEST");
        c.range(f.write, 1, Long.MAX_VALUE, "globalTableProvisionedWriteCapacityUnits");
        c.size(f.indexes, 1, 20, "globalTableGlobalSecondaryIndexSettingsUpdate");
        for (int i = 0; f.indexes != null && i < f.indexes.size(); i++) {
            String path = "globalTableGlobalSecondaryIndexSettingsUpdate." + (i + 1) + ".member.";
            c.tableName(f.indexes.get(i).indexName(), path + "indexName");
            c.range(f.indexes.get(i).units(), 1, Long.MAX_VALUE, path + "provisionedWriteCapacityUnits");
        }
        c.size(f.replicas, 1, 50, "replicaSettingsUpdate");
        for (int i = 0; f.replicas != null && i < f.replicas.size(); i++) {
            ReplicaUpdate u = f.replicas.get(i);
            String path = "replicaSettingsUpdate." + (i + 1) + ".member.";
            c.notNull(u.regionName(), path + "regionName");
            c.range(u.readUnits(), 1, Long.MAX_VALUE, path + "replicaProvisionedReadCapacityUnits");
            c.oneOf(u.tableClass(), path + "replicaTableClass", "STANDARD", "STANDARD_INFREQUENT_ACCESS");
            c.size(u.indexReads(), 1, 20, path + "replicaGlobalSecondaryIndexSettingsUpdate");
            for (int j = 0; u.indexReads() != null && j < u.indexReads().size(); j++) {
                String indexPath = path + "replicaGlobalSecondaryIndexSettingsUpdate." + (j + 1) + ".member.";
                c.tableName(u.indexReads().get(j).indexName(), indexPath + "indexName");
                c.range(u.indexReads().get(j).units(), 1, Long.MAX_VALUE, indexPath + "provisionedReadCapacityUnits");
            }
        }
        c.check();
        boolean autoScaling = f.autoScaling
                || f.indexes != null && f.indexes.stream().anyMatch(IndexUnits::autoScaling)
                || f.replicas != null && f.replicas.stream().anyMatch(u -> u.autoScaling()
                        || u.indexReads() != null && u.indexReads().stream().anyMatch(IndexUnits::autoScaling));
        if (autoScaling) {
            throw GlobalTableErrors.invalid("Auto scaling settings are not supported by this server");
        }
        return new UpdateGlobalTableSettingsRequest(f.name, f.mode, f.write,
                f.indexes == null ? List.of() : List.copyOf(f.indexes),
                f.replicas == null ? List.of() : List.copyOf(f.replicas));
    }

    /** The index write units by index name. */
    Map<String, Long> indexWriteUnits() {
        return units(indexWrites);
    }

    static Map<String, Long> units(List<IndexUnits> list) {
        Map<String, Long> out = new java.util.LinkedHashMap<>();
        for (IndexUnits u : list == null ? List.<IndexUnits>of() : list) {
            if (u.units() != null) {
                out.put(u.indexName(), u.units());
            }
        }
        return out;
    }

    private static boolean present(JsonReader r) throws IOException {
        boolean present = !r.isNull();
        r.skip();
        return present;
    }

    private static IndexUnits indexUnits(JsonReader r, String unitsField, String autoScalingField) throws IOException {
        var f = new Object() {
            String name;
            Long units;
            boolean autoScaling;
        };
        r.readObject((n, in) -> {
            if (n.equals("IndexName")) {
                f.name = in.readString();
            } else if (n.equals(unitsField)) {
                f.units = in.readLong();
            } else if (n.equals(autoScalingField)) {
                f.autoScaling = present(in);
            } else {
                in.skip();
            }
        });
        return new IndexUnits(f.name, f.units, f.autoScaling);
    }

    private static ReplicaUpdate replica(JsonReader r) throws IOException {
        var f = new Object() {
            String region;
            Long read;
            List<IndexUnits> indexes;
            String tableClass;
            boolean autoScaling;
        };
        r.readObject((n, in) -> {
            switch (n) {
                case "RegionName" -> f.region = in.readString();
                case "ReplicaProvisionedReadCapacityUnits" -> f.read = in.readLong();
                case "ReplicaProvisionedReadCapacityAutoScalingSettingsUpdate" -> f.autoScaling = present(in);
                case "ReplicaGlobalSecondaryIndexSettingsUpdate" -> f.indexes = in.readList(
                        x -> indexUnits(x, "ProvisionedReadCapacityUnits",
                                "ProvisionedReadCapacityAutoScalingSettingsUpdate"));
                case "ReplicaTableClass" -> f.tableClass = in.readString();
                default -> in.skip();
            }
        });
        return new ReplicaUpdate(f.region, f.read, f.indexes, f.tableClass, f.autoScaling);
    }
}
