package io.dynarocks.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.KeySchemaElement;
import io.dynarocks.protocol.model.OnDemandThroughput;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.ThroughputChanges;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.IndexProjection;
import io.dynarocks.protocol.model.IndexStats;
import io.dynarocks.protocol.model.StreamSettings;
import io.dynarocks.protocol.model.TtlSettings;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a table definition in DescribeTable's shape, and reads back the catalog's stored form
 * (the same shape plus the internal {@code StorageId}).
 */
public final class TableDefinitionJson {

    private TableDefinitionJson() {}

    /** DescribeTable's members of {@code t}; {@code stats} gives live index counts (null when stored). */
    public static void writeMembers(JsonGenerator g, TableDefinition t, Map<String, IndexStats> stats)
            throws IOException {
        g.writeArrayFieldStart("AttributeDefinitions");
        for (AttributeDefinition d : t.attributeDefinitions()) {
            g.writeStartObject();
            g.writeStringField("AttributeName", d.attributeName());
            g.writeStringField("AttributeType", d.attributeType());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("TableName", t.tableName());
        writeKeySchema(g, t.keySchema());
        g.writeNumberField("CreationDateTime", t.creationDateTimeMillis() / 1000.0);
        writeThroughput(g, t.provisionedThroughput(), t.throughputChanges());
        g.writeStringField("TableArn", t.tableArn());
        g.writeStringField("TableId", t.tableId());
        g.writeObjectFieldStart("BillingModeSummary");
        g.writeStringField("BillingMode", t.billingMode());
        if (t.payPerRequest()) {
            g.writeNumberField("LastUpdateToPayPerRequestDateTime", t.lastBillingModeChangeMillis() / 1000.0);
        }
        g.writeEndObject();
        g.writeBooleanField("DeletionProtectionEnabled", t.deletionProtectionEnabled());
        if (t.onDemandThroughput() != null) {
            t.onDemandThroughput().write(g);
        }
        if (t.kmsMasterKeyArn() != null) {
            g.writeObjectFieldStart("SSEDescription");
            g.writeStringField("Status", "ENABLED");
            g.writeStringField("SSEType", "KMS");
            g.writeStringField("KMSMasterKeyArn", t.kmsMasterKeyArn());
            g.writeEndObject();
        }
        writeIndexes(g, t, true, stats);
        writeIndexes(g, t, false, stats);
        VectorIndexJson.write(g, t, stats);
        if (t.stream() != null) {
            if (t.stream().enabled()) {
                g.writeObjectFieldStart("StreamSpecification");
                g.writeBooleanField("StreamEnabled", true);
                g.writeStringField("StreamViewType", t.stream().viewType());
                g.writeEndObject();
            }
            g.writeStringField("LatestStreamLabel", t.stream().label());
            g.writeStringField("LatestStreamArn", t.latestStreamArn());
        }
    }

    private static void writeIndexes(JsonGenerator g, TableDefinition t, boolean global, Map<String, IndexStats> stats)
            throws IOException {
        writeIndexArray(g, t, global, i -> {
            IndexStats s = stats == null ? IndexStats.EMPTY : stats.getOrDefault(i.indexName(), IndexStats.EMPTY);
            g.writeNumberField("IndexSizeBytes", s.sizeBytes());
            g.writeNumberField("ItemCount", s.itemCount());
            g.writeStringField("IndexArn", t.tableArn() + "/index/" + i.indexName());
            if (global) {
                g.writeStringField("IndexStatus", i.status());
                if (i.backfilling()) {
                    g.writeBooleanField("Backfilling", true);
                }
                ProvisionedThroughput p = i.provisionedThroughput() == null
                        ? ProvisionedThroughput.ZERO : i.provisionedThroughput();
                writeThroughput(g, p, i.throughputChanges());
                if (i.onDemandThroughput() != null) {
                    i.onDemandThroughput().write(g);
                }
            }
            if (stats == null) {
                g.writeNumberField("IndexId", i.indexId());
            }
        });
    }

    /**
     * The table's local or global secondary indexes as definitions: name, key schema, projection and, for global
     * ones, provisioned throughput (zero on demand) and on-demand maximum, as a backup's source table features
     * list them; {@code asRequest} writes them as a CreateTable request gives them instead, with throughput only
     * on a provisioned table.
     */
    public static void writeIndexDefinitions(JsonGenerator g, TableDefinition t, boolean global, boolean asRequest)
            throws IOException {
        writeIndexArray(g, t, global, i -> {
            if (global && !(asRequest && t.payPerRequest())) {
                writeUnits(g, i.provisionedThroughput());
            }
            if (global && !asRequest && i.onDemandThroughput() != null) {
                i.onDemandThroughput().write(g);
            }
        });
    }

    /** What an index's object has after its name, key schema and projection. */
    private interface IndexMembers {
        void write(IndexDefinition index) throws IOException;
    }

    /** The table's local or global indexes, each with its name, key schema, projection, then {@code more}. */
    private static void writeIndexArray(JsonGenerator g, TableDefinition t, boolean global, IndexMembers more)
            throws IOException {
        List<IndexDefinition> indexes = t.indexes().stream().filter(i -> i.global() == global).toList();
        if (indexes.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
        for (IndexDefinition i : indexes) {
            g.writeStartObject();
            g.writeStringField("IndexName", i.indexName());
            writeKeySchema(g, i.keySchema());
            writeProjection(g, i.projection());
            more.write(i);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** A {@code ProvisionedThroughput} of read and write units alone (zero for none). */
    public static void writeUnits(JsonGenerator g, ProvisionedThroughput p) throws IOException {
        ProvisionedThroughput units = p == null ? ProvisionedThroughput.ZERO : p;
        g.writeObjectFieldStart("ProvisionedThroughput");
        g.writeNumberField("ReadCapacityUnits", units.readCapacityUnits());
        g.writeNumberField("WriteCapacityUnits", units.writeCapacityUnits());
        g.writeEndObject();
    }

    /**
     * A {@code ProvisionedThroughput} description: the units and their history. {@code changes} counts the decreases
     * of the UTC day of the last one; DescribeTable passes them as of now, the catalog as they are.
     */
    public static void writeThroughput(JsonGenerator g, ProvisionedThroughput p, ThroughputChanges changes)
            throws IOException {
        g.writeObjectFieldStart("ProvisionedThroughput");
        if (changes.lastDecreaseMillis() != 0) {
            g.writeNumberField("LastDecreaseDateTime", changes.lastDecreaseMillis() / 1000.0);
        }
        if (changes.lastIncreaseMillis() != 0) {
            g.writeNumberField("LastIncreaseDateTime", changes.lastIncreaseMillis() / 1000.0);
        }
        g.writeNumberField("NumberOfDecreasesToday", changes.decreasesThatDay());
        g.writeNumberField("ReadCapacityUnits", p.readCapacityUnits());
        g.writeNumberField("WriteCapacityUnits", p.writeCapacityUnits());
        g.writeEndObject();
    }

    public static void writeKeySchema(JsonGenerator g, KeySchema schema) throws IOException {
        g.writeArrayFieldStart("KeySchema");
        for (KeySchemaElement e : schema.elements()) {
            g.writeStartObject();
            g.writeStringField("AttributeName", e.attributeName());
            g.writeStringField("KeyType", e.keyType());
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The catalog's stored form. */
    public static byte[] toBytes(TableDefinition t) {
        return JsonWriter.object(g -> {
            g.writeNumberField("StorageId", t.storageId());
            g.writeNumberField("CreationMillis", t.creationDateTimeMillis());
            g.writeNumberField("BillingChangeMillis", t.lastBillingModeChangeMillis());
            if (t.stream() != null) {
                g.writeObjectFieldStart("Stream");
                g.writeBooleanField("Enabled", t.stream().enabled());
                g.writeStringField("ViewType", t.stream().viewType());
                g.writeStringField("Label", t.stream().label());
                g.writeEndObject();
            }
            if (t.ttl() != null) {
                g.writeObjectFieldStart("TimeToLive");
                g.writeStringField("AttributeName", t.ttl().attributeName());
                g.writeBooleanField("Enabled", t.ttl().enabled());
                g.writeEndObject();
            }
            writeMembers(g, t, null);
        });
    }

    public static TableDefinition fromBytes(byte[] bytes) {
        var f = new Object() {
            int storageId;
            long created;
            long billingChange;
            String name;
            String tableId;
            String arn;
            String billing;
            List<AttributeDefinition> defs;
            List<KeySchemaElement> keys;
            ProvisionedThroughput throughput;
            List<IndexDefinition> indexes = new ArrayList<>();
            List<VectorIndexDefinition> vectorIndexes;
            StreamSettings stream;
            TtlSettings ttl;
            boolean deletionProtection;
            String kmsMasterKeyArn;
            OnDemandThroughput onDemand;
            ThroughputChanges changes;
        };
        JsonReader.readBody(bytes, (name, r) -> {
            switch (name) {
                case "StorageId" -> f.storageId = r.readInt();
                case "CreationMillis" -> f.created = r.readLong();
                case "BillingChangeMillis" -> f.billingChange = r.readLong();
                case "DeletionProtectionEnabled" -> f.deletionProtection = r.readBoolean();
                case "OnDemandThroughput" -> f.onDemand = OnDemandThroughput.read(r);
                case "SSEDescription" -> r.readObject((n, v) -> {
                    if (n.equals("KMSMasterKeyArn")) {
                        f.kmsMasterKeyArn = v.readString();
                    } else {
                        v.skip();
                    }
                });
                case "TableName" -> f.name = r.readString();
                case "TableId" -> f.tableId = r.readString();
                case "TableArn" -> f.arn = r.readString();
                case "AttributeDefinitions" -> f.defs = r.readList(TableDefinitionJson::attributeDefinition);
                case "KeySchema" -> f.keys = r.readList(TableDefinitionJson::keyElement);
                case "ProvisionedThroughput" -> {
                    StoredThroughput stored = storedThroughput(r);
                    f.throughput = stored.units();
                    f.changes = stored.changes();
                }
                case "GlobalSecondaryIndexes" -> f.indexes.addAll(r.readList(v -> storedIndex(v, true)));
                case "LocalSecondaryIndexes" -> f.indexes.addAll(r.readList(v -> storedIndex(v, false)));
                case "VectorIndexes" -> f.vectorIndexes = r.readList(VectorIndexJson::read);
                case "Stream" -> {
                    Object[] s = new Object[3];
                    r.readObject((n, v) -> {
                        switch (n) {
                            case "Enabled" -> s[0] = v.readBoolean();
                            case "ViewType" -> s[1] = v.readString();
                            case "Label" -> s[2] = v.readString();
                            default -> v.skip();
                        }
                    });
                    f.stream = new StreamSettings((Boolean) s[0], (String) s[1], (String) s[2]);
                }
                case "TimeToLive" -> {
                    Object[] s = new Object[2];
                    r.readObject((n, v) -> {
                        switch (n) {
                            case "AttributeName" -> s[0] = v.readString();
                            case "Enabled" -> s[1] = v.readBoolean();
                            default -> v.skip();
                        }
                    });
                    f.ttl = new TtlSettings((String) s[0], (Boolean) s[1]);
                }
                case "BillingModeSummary" -> r.readObject((n, v) -> {
                    if (n.equals("BillingMode")) {
                        f.billing = v.readString();
                    } else {
                        v.skip();
                    }
                });
                default -> r.skip();
            }
        });
        List<IndexDefinition> indexes = f.indexes.stream().map(i -> new IndexDefinition(i.indexName(), i.global(),
                i.indexId(), resolve(i.keySchema().elements(), f.defs), i.projection(), i.provisionedThroughput(),
                i.status(), i.backfilling(), i.onDemandThroughput(), i.throughputChanges())).toList();
        return new TableDefinition(f.name, f.storageId, f.tableId, f.arn, f.defs, resolve(f.keys, f.defs), f.created,
                f.billing, f.throughput, f.billingChange, indexes, f.stream, f.ttl, f.vectorIndexes,
                f.deletionProtection, f.kmsMasterKeyArn, f.onDemand, f.changes);
    }

    private static KeySchema resolve(List<KeySchemaElement> keys, List<AttributeDefinition> defs) {
        KeySchemaElement hash = keys.get(0);
        KeySchemaElement range = keys.size() > 1 ? keys.get(1) : null;
        return new KeySchema(hash.attributeName(), typeOf(defs, hash.attributeName()),
                range == null ? null : range.attributeName(),
                range == null ? null : typeOf(defs, range.attributeName()));
    }

    /** An index as stored: key types are resolved afterwards against the table's attribute definitions. */
    private static IndexDefinition storedIndex(JsonReader r, boolean global) throws IOException {
        var f = new Object() {
            String name;
            List<KeySchemaElement> keys;
            IndexProjection projection;
            StoredThroughput throughput = new StoredThroughput(null, null);
            String status = "ACTIVE";
            boolean backfilling;
            short id;
            OnDemandThroughput onDemand;
        };
        r.readObject((n, v) -> {
            switch (n) {
                case "IndexName" -> f.name = v.readString();
                case "KeySchema" -> f.keys = v.readList(TableDefinitionJson::keyElement);
                case "Projection" -> f.projection = projection(v);
                case "ProvisionedThroughput" -> f.throughput = storedThroughput(v);
                case "IndexStatus" -> f.status = v.readString();
                case "Backfilling" -> f.backfilling = v.readBoolean();
                case "IndexId" -> f.id = (short) (int) v.readInt();
                case "OnDemandThroughput" -> f.onDemand = OnDemandThroughput.read(v);
                default -> v.skip();
            }
        });
        KeySchemaElement hash = f.keys.get(0);
        KeySchemaElement range = f.keys.size() > 1 ? f.keys.get(1) : null;
        KeySchema unresolved = new KeySchema(hash.attributeName(), null, range == null ? null : range.attributeName(),
                null);
        return new IndexDefinition(f.name, global, f.id, unresolved, f.projection, f.throughput.units(), f.status,
                f.backfilling, f.onDemand, f.throughput.changes());
    }

    /** Reads a {@code Projection} structure. */
    public static IndexProjection projection(JsonReader r) throws IOException {
        if (r.isNull()) {
            return null;
        }
        Object[] f = new Object[2];
        r.readObject((n, v) -> {
            switch (n) {
                case "ProjectionType" -> f[0] = v.readString();
                case "NonKeyAttributes" -> f[1] = v.readList(JsonReader::readString);
                default -> v.skip();
            }
        });
        @SuppressWarnings("unchecked")
        List<String> nonKey = (List<String>) f[1];
        return new IndexProjection((String) f[0], nonKey);
    }

    private static String typeOf(List<AttributeDefinition> defs, String name) {
        return defs.stream().filter(d -> d.attributeName().equals(name))
                .map(AttributeDefinition::attributeType).findFirst().orElseThrow();
    }

    /** An index's {@code Projection} member (GSI, LSI and vector indexes share its shape). */
    public static void writeProjection(JsonGenerator g, IndexProjection projection)
            throws IOException {
        g.writeObjectFieldStart("Projection");
        g.writeStringField("ProjectionType", projection.projectionType());
        if (projection.nonKeyAttributes() != null) {
            g.writeArrayFieldStart("NonKeyAttributes");
            for (String a : projection.nonKeyAttributes()) {
                g.writeString(a);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    public static AttributeDefinition attributeDefinition(JsonReader r) throws IOException {
        String[] f = new String[2];
        r.readObject((n, v) -> {
            switch (n) {
                case "AttributeName" -> f[0] = v.readString();
                case "AttributeType" -> f[1] = v.readString();
                default -> v.skip();
            }
        });
        return new AttributeDefinition(f[0], f[1]);
    }

    public static KeySchemaElement keyElement(JsonReader r) throws IOException {
        String[] f = new String[2];
        r.readObject((n, v) -> {
            switch (n) {
                case "AttributeName" -> f[0] = v.readString();
                case "KeyType" -> f[1] = v.readString();
                default -> v.skip();
            }
        });
        return new KeySchemaElement(f[0], f[1]);
    }

    /** A stored {@code ProvisionedThroughput}: the units and their history. */
    private record StoredThroughput(ProvisionedThroughput units, ThroughputChanges changes) {}

    private static StoredThroughput storedThroughput(JsonReader r) throws IOException {
        if (r.isNull()) {
            return new StoredThroughput(null, null);
        }
        Long[] f = new Long[2];
        long[] changes = new long[3];
        r.readObject((n, v) -> {
            switch (n) {
                case "ReadCapacityUnits" -> f[0] = v.readLong();
                case "WriteCapacityUnits" -> f[1] = v.readLong();
                case "LastIncreaseDateTime" -> changes[0] = Math.round(v.readDouble() * 1000);
                case "LastDecreaseDateTime" -> changes[1] = Math.round(v.readDouble() * 1000);
                case "NumberOfDecreasesToday" -> changes[2] = v.readLong();
                default -> v.skip();
            }
        });
        return new StoredThroughput(new ProvisionedThroughput(f[0], f[1]),
                new ThroughputChanges(changes[0], changes[1], (int) changes[2]));
    }

    public static ProvisionedThroughput throughput(JsonReader r) throws IOException {
        if (r.isNull()) {
            return null;
        }
        Long[] f = new Long[2];
        r.readObject((n, v) -> {
            switch (n) {
                case "ReadCapacityUnits" -> f[0] = v.readLong();
                case "WriteCapacityUnits" -> f[1] = v.readLong();
                default -> v.skip();
            }
        });
        return new ProvisionedThroughput(f[0], f[1]);
    }
}
