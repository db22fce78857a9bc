package io.dynarocks.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.KeySchemaElement;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import java.io.IOException;
import java.util.List;

/**
 * Writes a table definition in DescribeTable's shape, and reads back the catalog's stored form
 * (the same shape plus the internal {@code StorageId}).
 */
public final class TableDefinitionJson {

    private TableDefinitionJson() {}

    public static void writeMembers(JsonGenerator g, TableDefinition t) throws IOException {
        g.writeArrayFieldStart("AttributeDefinitions");
        for (AttributeDefinition d : t.attributeDefinitions()) {
            g.writeStartObject();
            g.writeStringField("AttributeName", d.attributeName());
            g.writeStringField("AttributeType", d.attributeType());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("TableName", t.tableName());
        g.writeArrayFieldStart("KeySchema");
        for (KeySchemaElement e : t.keySchema().elements()) {
            g.writeStartObject();
            g.writeStringField("AttributeName", e.attributeName());
            g.writeStringField("KeyType", e.keyType());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeNumberField("CreationDateTime", t.creationDateTimeMillis() / 1000.0);
        g.writeObjectFieldStart("ProvisionedThroughput");
        g.writeNumberField("NumberOfDecreasesToday", 0);
        g.writeNumberField("ReadCapacityUnits", t.provisionedThroughput().readCapacityUnits());
        g.writeNumberField("WriteCapacityUnits", t.provisionedThroughput().writeCapacityUnits());
        g.writeEndObject();
        g.writeStringField("TableArn", t.tableArn());
        g.writeStringField("TableId", t.tableId());
        g.writeObjectFieldStart("BillingModeSummary");
        g.writeStringField("BillingMode", t.billingMode());
        if (t.payPerRequest()) {
            g.writeNumberField("LastUpdateToPayPerRequestDateTime", t.lastBillingModeChangeMillis() / 1000.0);
        }
        g.writeEndObject();
        g.writeBooleanField("DeletionProtectionEnabled", false);
    }

    /** The catalog's stored form. */
    public static byte[] toBytes(TableDefinition t) {
        return JsonWriter.object(g -> {
            g.writeNumberField("StorageId", t.storageId());
            g.writeNumberField("CreationMillis", t.creationDateTimeMillis());
            g.writeNumberField("BillingChangeMillis", t.lastBillingModeChangeMillis());
            writeMembers(g, t);
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
        };
        JsonReader.readBody(bytes, (name, r) -> {
            switch (name) {
                case "StorageId" -> f.storageId = r.readInt();
                case "CreationMillis" -> f.created = r.readLong();
                case "BillingChangeMillis" -> f.billingChange = r.readLong();
                case "TableName" -> f.name = r.readString();
                case "TableId" -> f.tableId = r.readString();
                case "TableArn" -> f.arn = r.readString();
                case "AttributeDefinitions" -> f.defs = r.readList(TableDefinitionJson::attributeDefinition);
                case "KeySchema" -> f.keys = r.readList(TableDefinitionJson::keyElement);
                case "ProvisionedThroughput" -> f.throughput = throughput(r);
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
        KeySchemaElement hash = f.keys.get(0);
        KeySchemaElement range = f.keys.size() > 1 ? f.keys.get(1) : null;
        KeySchema schema = new KeySchema(hash.attributeName(), typeOf(f.defs, hash.attributeName()),
                range == null ? null : range.attributeName(),
                range == null ? null : typeOf(f.defs, range.attributeName()));
        return new TableDefinition(f.name, f.storageId, f.tableId, f.arn, f.defs, schema, f.created, f.billing,
                f.throughput, f.billingChange);
    }

    private static String typeOf(List<AttributeDefinition> defs, String name) {
        return defs.stream().filter(d -> d.attributeName().equals(name))
                .map(AttributeDefinition::attributeType).findFirst().orElseThrow();
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
