package io.dynarocks.replication;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.engine.TableDescriptionMembers;
import io.dynarocks.engine.catalog.TransientStatuses;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.TableDefinition;
import java.io.IOException;
import java.util.List;

/**
 * A version 2019.11.21 global table's {@code GlobalTableVersion} and {@code Replicas} in its table
 * descriptions: every other region's replica with its status as seen from here (CREATING until the
 * backfill to it finished and, with a replica transient-status delay, that long after it was added here;
 * REGION_DISABLED while it cannot be reached, REPLICATION_NOT_AUTHORIZED while
 * it refuses this region's key, else ACTIVE), the replication
 * lag in {@code ReplicaStatusDescription} while there is one, and its overrides. As in DynamoDB an
 * override is what the replica has and this region's table has not: a read capacity equal to this
 * table's is no override; a replica's customer managed key is its {@code KMSMasterKeyId}. This region's own
 * table class, when its replica was given one, is its
 * {@code TableClassSummary}.
 */
final class ReplicaDescriptions implements TableDescriptionMembers {

    private final Replication replication;

    ReplicaDescriptions(Replication replication) {
        this.replication = replication;
    }

    @Override
    public JsonWriter.Body of(TableDefinition table) {
        ReplicaSet found = replication.set(table.tableName());
        ReplicaSet set = found == null || !ReplicaSet.CURRENT.equals(found.version()) ? null : found;
        TransientStatuses transients = replication.engine().catalog().transientStatuses();
        String local = replication.config().region();
        List<String> peers = set == null ? List.of() : set.peersOf(local);
        List<String> deleting = transients.deletingReplicas(table.tableName()).stream()
                .filter(r -> !peers.contains(r)).toList();
        if (set == null && (found != null || deleting.isEmpty())) {
            return null;
        }
        return g -> {
            ReplicaSettings own = set == null ? ReplicaSettings.NONE : set.settingsOf(local);
            if (own.tableClass() != null) {
                g.writeObjectFieldStart("TableClassSummary");
                writeTableClass(g, own);
                g.writeEndObject();
            }
            g.writeStringField("GlobalTableVersion", ReplicaSet.CURRENT);
            g.writeArrayFieldStart("Replicas");
            for (String region : peers) {
                Replication.ReplicaState state = replication.state(table.tableName(), region);
                // CREATING until both the backfill and the transient-status delay are over.
                String status = transients.replicaStatus(table.tableName(), region).orElse(status(state));
                write(g, region, state, status, set.settingsOf(region), table);
            }
            // A removed replica is still described, as DELETING, for the transient-status delay.
            for (String region : deleting) {
                g.writeStartObject();
                g.writeStringField("RegionName", region);
                g.writeStringField("ReplicaStatus", "DELETING");
                g.writeEndObject();
            }
            g.writeEndArray();
        };
    }

    /** One ReplicaDescription of {@code region}'s replica, as DescribeTable of {@code base} lists it. */
    static void write(JsonGenerator g, String region, Replication.ReplicaState state, ReplicaSettings settings,
            TableDefinition base) throws IOException {
        write(g, region, state, status(state), settings, base);
    }

    private static void write(JsonGenerator g, String region, Replication.ReplicaState state, String status,
            ReplicaSettings settings, TableDefinition base) throws IOException {
        g.writeStartObject();
        g.writeStringField("RegionName", region);
        g.writeStringField("ReplicaStatus", status);
        if (state != null && state.lagMillis() > 0) {
            g.writeStringField("ReplicaStatusDescription", "Replication lag " + state.lagMillis() + " ms"
                    + (state.reachable() ? "" : "; region unreachable"));
        }
        if (settings.kmsMasterKeyArn() != null) {
            g.writeStringField("KMSMasterKeyId", settings.kmsMasterKeyArn());
        }
        Long baseRead = base.payPerRequest() ? null : base.provisionedThroughput().readCapacityUnits();
        writeOverrides(g, settings.readCapacityUnits(), baseRead, settings.maxReadRequestUnits());
        var gsis = base.indexes().stream().filter(IndexDefinition::global).toList();
        if (!gsis.isEmpty()) {
            g.writeArrayFieldStart("GlobalSecondaryIndexes");
            for (IndexDefinition i : gsis) {
                ReplicaSettings.IndexSettings s = settings.indexes().get(i.indexName());
                g.writeStartObject();
                g.writeStringField("IndexName", i.indexName());
                if (s != null) {
                    Long indexRead = base.payPerRequest() || i.provisionedThroughput() == null ? null
                            : i.provisionedThroughput().readCapacityUnits();
                    writeOverrides(g, s.readCapacityUnits(), indexRead, s.maxReadRequestUnits());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeObjectFieldStart("ReplicaTableClassSummary");
        writeTableClass(g, settings);
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeOverrides(JsonGenerator g, Long read, Long baseRead, Long maxRead) throws IOException {
        if (read != null && !read.equals(baseRead)) {
            g.writeObjectFieldStart("ProvisionedThroughputOverride");
            g.writeNumberField("ReadCapacityUnits", read);
            g.writeEndObject();
        }
        if (maxRead != null) {
            g.writeObjectFieldStart("OnDemandThroughputOverride");
            g.writeNumberField("MaxReadRequestUnits", maxRead);
            g.writeEndObject();
        }
    }

    private static void writeTableClass(JsonGenerator g, ReplicaSettings settings) throws IOException {
        g.writeStringField("TableClass", settings.tableClass() == null ? "STANDARD" : settings.tableClass());
        if (settings.tableClass() != null) {
            g.writeNumberField("LastUpdateDateTime", settings.tableClassUpdatedMillis() / 1000.0);
        }
    }

    static String status(Replication.ReplicaState state) {
        if (state != null && !state.authorized()) {
            return "REPLICATION_NOT_AUTHORIZED";
        }
        if (state == null || !state.backfilled()) {
            return "CREATING";
        }
        return state.reachable() ? "ACTIVE" : "REGION_DISABLED";
    }
}
