package io.dynarocks.replication.legacy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import java.io.IOException;

/** One replica's {@code ReplicaSettingsDescription}: its table's billing, capacity and indexes in its region. */
final class ReplicaSettingsJson {

    private ReplicaSettingsJson() {}

    static byte[] of(String region, TableDefinition t) {
        return JsonWriter.object(g -> members(g, region, t));
    }

    /** The description as an action's answer (a peer's, to the region that asked). */
    static io.dynarocks.protocol.operation.Response response(String region, TableDefinition t) {
        return g -> members(g, region, t);
    }

    /** The description of a replica whose region did not answer. */
    static byte[] unreachable(String region) {
        return JsonWriter.object(g -> {
            g.writeStringField("RegionName", region);
            g.writeStringField("ReplicaStatus", "REGION_DISABLED");
        });
    }

    private static void members(JsonGenerator g, String region, TableDefinition t) throws IOException {
        g.writeStringField("RegionName", region);
        g.writeStringField("ReplicaStatus", "ACTIVE");
        g.writeObjectFieldStart("ReplicaBillingModeSummary");
        g.writeStringField("BillingMode", t.billingMode());
        if (t.payPerRequest()) {
            g.writeNumberField("LastUpdateToPayPerRequestDateTime", t.lastBillingModeChangeMillis() / 1000.0);
        }
        g.writeEndObject();
        ProvisionedThroughput p = t.payPerRequest() ? ProvisionedThroughput.ZERO : t.provisionedThroughput();
        g.writeNumberField("ReplicaProvisionedReadCapacityUnits", p.readCapacityUnits());
        g.writeNumberField("ReplicaProvisionedWriteCapacityUnits", p.writeCapacityUnits());
        var gsis = t.indexes().stream().filter(IndexDefinition::global).toList();
        if (!gsis.isEmpty()) {
            g.writeArrayFieldStart("ReplicaGlobalSecondaryIndexSettings");
            for (IndexDefinition i : gsis) {
                ProvisionedThroughput ip = t.payPerRequest() || i.provisionedThroughput() == null
                        ? ProvisionedThroughput.ZERO : i.provisionedThroughput();
                g.writeStartObject();
                g.writeStringField("IndexName", i.indexName());
                g.writeStringField("IndexStatus", i.status());
                g.writeNumberField("ProvisionedReadCapacityUnits", ip.readCapacityUnits());
                g.writeNumberField("ProvisionedWriteCapacityUnits", ip.writeCapacityUnits());
                g.writeEndObject();
            }
            g.writeEndArray();
        }
        g.writeObjectFieldStart("ReplicaTableClassSummary");
        g.writeStringField("TableClass", "STANDARD");
        g.writeEndObject();
    }
}
