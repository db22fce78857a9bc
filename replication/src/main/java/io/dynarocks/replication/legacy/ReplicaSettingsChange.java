package io.dynarocks.replication.legacy;

import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.replication.Replication;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What UpdateGlobalTableSettings changes in one region's replica: billing mode, write capacity (the
 * same in every region), read capacity (this region's own), per index likewise. Each region applies
 * it to its own table as an UpdateTable of the values that differ (the internal action
 * {@value #ACTION} when that region is a peer).
 */
record ReplicaSettingsChange(String tableName, String billingMode, Long writeUnits, Long readUnits,
        Map<String, Long> indexWrites, Map<String, Long> indexReads) {

    static final String ACTION = "UpdateReplicaSettings";
    private static final String UPDATE_TABLE = OperationRegistry.DYNAMODB + ".UpdateTable";

    ReplicaSettingsChange {
        indexWrites = Map.copyOf(indexWrites);
        indexReads = Map.copyOf(indexReads);
    }

    static ReplicaSettingsChange decode(byte[] body) {
        var f = new Object() {
            String table;
            String mode;
            Long write;
            Long read;
            Map<String, Long> indexWrites = Map.of();
            Map<String, Long> indexReads = Map.of();
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "TableName" -> f.table = r.readString();
                case "BillingMode" -> f.mode = r.readString();
                case "WriteCapacityUnits" -> f.write = r.readLong();
                case "ReadCapacityUnits" -> f.read = r.readLong();
                case "IndexWriteCapacityUnits" -> f.indexWrites = units(r.readMap(JsonReader::readLong));
                case "IndexReadCapacityUnits" -> f.indexReads = units(r.readMap(JsonReader::readLong));
                default -> r.skip();
            }
        });
        if (f.table == null) {
            throw DynamoException.validation("TableName is required");
        }
        return new ReplicaSettingsChange(f.table, f.mode, f.write, f.read, f.indexWrites, f.indexReads);
    }

    /** An absent map is empty; a null units value is a malformed request, not a server error. */
    private static Map<String, Long> units(Map<String, Long> byIndex) {
        if (byIndex == null) {
            return Map.of();
        }
        if (byIndex.containsValue(null)) {
            throw DynamoException.validation("Index capacity units must be numbers");
        }
        return byIndex;
    }

    byte[] toBytes() {
        return JsonWriter.object(g -> {
            g.writeStringField("TableName", tableName);
            if (billingMode != null) {
                g.writeStringField("BillingMode", billingMode);
            }
            if (writeUnits != null) {
                g.writeNumberField("WriteCapacityUnits", writeUnits);
            }
            if (readUnits != null) {
                g.writeNumberField("ReadCapacityUnits", readUnits);
            }
            writeMap(g, "IndexWriteCapacityUnits", indexWrites);
            writeMap(g, "IndexReadCapacityUnits", indexReads);
        });
    }

    private static void writeMap(com.fasterxml.jackson.core.JsonGenerator g, String field, Map<String, Long> map)
            throws IOException {
        g.writeObjectFieldStart(field);
        for (var e : map.entrySet()) {
            g.writeNumberField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
    }

    /** Applies this change to this region's table; returns the table afterwards. */
    TableDefinition apply(Replication replication, OperationRegistry registry) {
        TableDefinition t = replication.engine().catalog().find(tableName)
                .orElseThrow(() -> GlobalTableErrors.tableNotFound(tableName, replication.config().region()));
        String mode = billingMode != null ? billingMode : t.billingMode();
        boolean provisioned = "PROVISIONED".equals(mode);
        boolean switching = !mode.equals(t.billingMode());
        ProvisionedThroughput current = t.payPerRequest() ? null : t.provisionedThroughput();
        Long read = readUnits != null ? readUnits : current == null ? null : current.readCapacityUnits();
        Long write = writeUnits != null ? writeUnits : current == null ? null : current.writeCapacityUnits();
        boolean tableThroughput = provisioned && (switching || !new ProvisionedThroughput(read, write).equals(current));
        List<IndexDefinition> indexUpdates = new ArrayList<>();
        for (IndexDefinition i : t.indexes()) {
            if (i.global() && provisioned) {
                ProvisionedThroughput now = t.payPerRequest() ? null : i.provisionedThroughput();
                ProvisionedThroughput next = new ProvisionedThroughput(
                        indexReads.getOrDefault(i.indexName(), now == null ? null : now.readCapacityUnits()),
                        indexWrites.getOrDefault(i.indexName(), now == null ? null : now.writeCapacityUnits()));
                if (switching || !next.equals(now)) {
                    indexUpdates.add(new IndexDefinition(i.indexName(), true, i.indexId(), i.keySchema(),
                            i.projection(), next, i.status(), i.backfilling()));
                }
            }
        }
        if (switching || tableThroughput || !indexUpdates.isEmpty()) {
            registry.handle(UPDATE_TABLE, JsonWriter.object(g -> {
                g.writeStringField("TableName", tableName);
                if (switching) {
                    g.writeStringField("BillingMode", mode);
                }
                if (tableThroughput) {
                    writeThroughput(g, new ProvisionedThroughput(read, write));
                }
                if (!indexUpdates.isEmpty()) {
                    g.writeArrayFieldStart("GlobalSecondaryIndexUpdates");
                    for (IndexDefinition i : indexUpdates) {
                        g.writeStartObject();
                        g.writeObjectFieldStart("Update");
                        g.writeStringField("IndexName", i.indexName());
                        writeThroughput(g, i.provisionedThroughput());
                        g.writeEndObject();
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
            }));
        }
        return replication.engine().catalog().require(tableName);
    }

    private static void writeThroughput(com.fasterxml.jackson.core.JsonGenerator g, ProvisionedThroughput p)
            throws IOException {
        g.writeObjectFieldStart("ProvisionedThroughput");
        if (p.readCapacityUnits() != null) {
            g.writeNumberField("ReadCapacityUnits", p.readCapacityUnits());
        }
        if (p.writeCapacityUnits() != null) {
            g.writeNumberField("WriteCapacityUnits", p.writeCapacityUnits());
        }
        g.writeEndObject();
    }
}
