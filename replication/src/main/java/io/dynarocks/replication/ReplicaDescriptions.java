package io.dynarocks.replication;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.engine.TableDescriptionMembers;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.TableDefinition;
import java.io.IOException;

/**
 * A version 2019.11.21 global table's {@code GlobalTableVersion} and {@code Replicas} in its table
 * descriptions: every other region's replica with its status as seen from here (CREATING until the
 * backfill to it finished, REGION_DISABLED while it cannot be reached, else ACTIVE), and the
 * replication lag in {@code ReplicaStatusDescription} while there is one.
 */
final class ReplicaDescriptions implements TableDescriptionMembers {

    private final Replication replication;

    ReplicaDescriptions(Replication replication) {
        this.replication = replication;
    }

    @Override
    public JsonWriter.Body of(TableDefinition table) {
        ReplicaSet set = replication.set(table.tableName());
        if (set == null || !ReplicaSet.CURRENT.equals(set.version())) {
            return null;
        }
        return g -> {
            g.writeStringField("GlobalTableVersion", set.version());
            g.writeArrayFieldStart("Replicas");
            for (String region : set.peersOf(replication.config().region())) {
                write(g, region, replication.state(table.tableName(), region));
            }
            g.writeEndArray();
        };
    }

    /** One ReplicaDescription, as DescribeTable and DescribeGlobalTable list them. */
    static void write(JsonGenerator g, String region, Replication.ReplicaState state) throws IOException {
        g.writeStartObject();
        g.writeStringField("RegionName", region);
        g.writeStringField("ReplicaStatus", status(state));
        if (state != null && state.lagMillis() > 0) {
            g.writeStringField("ReplicaStatusDescription", "Replication lag " + state.lagMillis() + " ms"
                    + (state.reachable() ? "" : "; region unreachable"));
        }
        g.writeObjectFieldStart("ReplicaTableClassSummary");
        g.writeStringField("TableClass", "STANDARD");
        g.writeEndObject();
        g.writeEndObject();
    }

    static String status(Replication.ReplicaState state) {
        if (state == null || !state.backfilled()) {
            return "CREATING";
        }
        return state.reachable() ? "ACTIVE" : "REGION_DISABLED";
    }
}
