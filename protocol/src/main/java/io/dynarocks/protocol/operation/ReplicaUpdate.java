package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import java.io.IOException;
import java.util.List;

/**
 * One member of UpdateTable's {@code ReplicaUpdates} (global tables version 2019.11.21): create,
 * update or delete the replica in {@code regionName}. A create or an update may carry the replica's
 * own settings: its read capacity ({@code ProvisionedThroughputOverride}), its on-demand read maximum
 * ({@code OnDemandThroughputOverride}), its table class, its KMS key, and the same per index.
 */
public record ReplicaUpdate(Action action, String regionName, String tableClassOverride, String kmsMasterKeyId,
        Long readCapacityUnits, Long maxReadRequestUnits, List<IndexOverride> indexes) {

    /** What the update does to the replica. */
    public enum Action { CREATE, UPDATE, DELETE }

    /** A replica's settings of one global secondary index. */
    public record IndexOverride(String indexName, Long readCapacityUnits, Long maxReadRequestUnits) {

        /** True when the entry names an index and nothing to change. */
        public boolean empty() {
            return readCapacityUnits == null && maxReadRequestUnits == null;
        }
    }

    public ReplicaUpdate {
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
    }

    /** An update that only names its region. */
    public ReplicaUpdate(Action action, String regionName) {
        this(action, regionName, null, null, null, null, List.of());
    }

    /** True when an Update names no setting to change, or an index without one (DynamoDB refuses both). */
    public boolean noActions() {
        return tableClassOverride == null && kmsMasterKeyId == null && readCapacityUnits == null
                && maxReadRequestUnits == null && indexes.isEmpty() || indexes.stream().anyMatch(IndexOverride::empty);
    }

    static ReplicaUpdate read(JsonReader r) throws IOException {
        var f = new Object() {
            Action action;
            String region;
            String tableClass;
            String kms;
            Long read;
            Long maxRead;
            List<IndexOverride> indexes;
            int actions;
        };
        r.readObject((name, in) -> {
            Action a = switch (name) {
                case "Create" -> Action.CREATE;
                case "Update" -> Action.UPDATE;
                case "Delete" -> Action.DELETE;
                default -> null;
            };
            if (a == null || in.isNull()) {
                in.skip();
                return;
            }
            f.action = a;
            f.actions++;
            in.readObject((member, v) -> {
                switch (member) {
                    case "RegionName" -> f.region = v.readString();
                    case "TableClassOverride" -> f.tableClass = v.readString();
                    case "KMSMasterKeyId" -> f.kms = v.readString();
                    case "ProvisionedThroughputOverride" -> f.read = readCapacity(v);
                    case "OnDemandThroughputOverride" -> f.maxRead = maxRead(v);
                    case "GlobalSecondaryIndexes" -> f.indexes = v.readList(ReplicaUpdate::index);
                    default -> v.skip();
                }
            });
        });
        if (f.actions > 1) {
            throw DynamoException.validation("Update table operation with more than one type of replica actions not "
                    + "allowed.");
        }
        if (f.actions == 0) {
            throw DynamoException.validation("There are no actions specified in the Replica Update Action of the "
                    + "request.");
        }
        return new ReplicaUpdate(f.action, f.region, f.tableClass, f.kms, f.read, f.maxRead, f.indexes);
    }

    private static IndexOverride index(JsonReader r) throws IOException {
        var f = new Object() {
            String name;
            Long read;
            Long maxRead;
        };
        r.readObject((n, v) -> {
            switch (n) {
                case "IndexName" -> f.name = v.readString();
                case "ProvisionedThroughputOverride" -> f.read = readCapacity(v);
                case "OnDemandThroughputOverride" -> f.maxRead = maxRead(v);
                default -> v.skip();
            }
        });
        return new IndexOverride(f.name, f.read, f.maxRead);
    }

    private static Long readCapacity(JsonReader r) throws IOException {
        Long[] units = new Long[1];
        r.readObject((n, v) -> {
            if (n.equals("ReadCapacityUnits")) {
                units[0] = v.readLong();
            } else {
                v.skip();
            }
        });
        return units[0];
    }

    private static Long maxRead(JsonReader r) throws IOException {
        Long[] units = new Long[1];
        r.readObject((n, v) -> {
            if (n.equals("MaxReadRequestUnits")) {
                units[0] = v.readLong();
            } else {
                v.skip();
            }
        });
        return units[0];
    }

    /** Adds this update's member constraint violations (it is the {@code position}th, from 1). */
    void constrain(Constraints c, int position) {
        String at = path(position);
        c.notNull(regionName, at + ".regionName");
        c.oneOf(tableClassOverride, at + ".tableClassOverride", "STANDARD", "STANDARD_INFREQUENT_ACCESS");
        c.range(readCapacityUnits, 1, Long.MAX_VALUE, at + ".provisionedThroughputOverride.readCapacityUnits");
        c.range(maxReadRequestUnits, -1, Long.MAX_VALUE, at + ".onDemandThroughputOverride.maxReadRequestUnits");
        for (int i = 0; i < indexes.size(); i++) {
            IndexOverride o = indexes.get(i);
            String indexAt = at + ".globalSecondaryIndexes." + (i + 1) + ".member";
            c.tableName(o.indexName(), indexAt + ".indexName");
            c.range(o.readCapacityUnits(), 1, Long.MAX_VALUE, indexAt + ".provisionedThroughputOverride.readCapacityUnits");
            c.range(o.maxReadRequestUnits(), -1, Long.MAX_VALUE, indexAt + ".onDemandThroughputOverride.maxReadRequestUnits");
        }
    }

    /** The member path DynamoDB names in constraint messages, e.g. {@code replicaUpdates.1.member.create}. */
    String path(int position) {
        return "replicaUpdates." + position + ".member." + action.name().toLowerCase(java.util.Locale.ROOT);
    }
}
