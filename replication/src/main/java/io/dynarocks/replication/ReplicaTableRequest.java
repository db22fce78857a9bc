package io.dynarocks.replication;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import java.io.IOException;

/**
 * The CreateTable request that makes a replica of a table in another region: same key schema,
 * attribute definitions, secondary indexes, billing, and a NEW_AND_OLD_IMAGES stream, as DynamoDB
 * gives every replica of a version 2019.11.21 global table; encrypted with the same kind of key (the
 * replica's own customer managed key, or the AWS managed key of its region).
 */
final class ReplicaTableRequest {

    private ReplicaTableRequest() {}

    /** The request for a replica of {@code t} whose customer managed key is {@code kmsMasterKeyArn} (or null). */
    static byte[] of(TableDefinition t, String kmsMasterKeyArn) {
        return JsonWriter.object(g -> {
            g.writeStringField("TableName", t.tableName());
            g.writeArrayFieldStart("AttributeDefinitions");
            for (AttributeDefinition d : t.attributeDefinitions()) {
                g.writeStartObject();
                g.writeStringField("AttributeName", d.attributeName());
                g.writeStringField("AttributeType", d.attributeType());
                g.writeEndObject();
            }
            g.writeEndArray();
            TableDefinitionJson.writeKeySchema(g, t.keySchema());
            g.writeStringField("BillingMode", t.billingMode());
            if (!t.payPerRequest()) {
                writeThroughput(g, t.provisionedThroughput());
            }
            writeIndexes(g, t, true);
            writeIndexes(g, t, false);
            g.writeObjectFieldStart("StreamSpecification");
            g.writeBooleanField("StreamEnabled", true);
            g.writeStringField("StreamViewType", "NEW_AND_OLD_IMAGES");
            g.writeEndObject();
            if (t.kmsMasterKeyArn() != null) {
                g.writeObjectFieldStart("SSESpecification");
                g.writeBooleanField("Enabled", true);
                g.writeStringField("SSEType", "KMS");
                if (kmsMasterKeyArn != null) {
                    g.writeStringField("KMSMasterKeyId", kmsMasterKeyArn);
                }
                g.writeEndObject();
            }
        });
    }

    private static void writeIndexes(JsonGenerator g, TableDefinition t, boolean global) throws IOException {
        var indexes = t.indexes().stream().filter(i -> i.global() == global).toList();
        if (indexes.isEmpty()) {
            return;
        }
        g.writeArrayFieldStart(global ? "GlobalSecondaryIndexes" : "LocalSecondaryIndexes");
        for (IndexDefinition i : indexes) {
            g.writeStartObject();
            g.writeStringField("IndexName", i.indexName());
            TableDefinitionJson.writeKeySchema(g, i.keySchema());
            TableDefinitionJson.writeProjection(g, i.projection());
            if (global && !t.payPerRequest()) {
                writeThroughput(g, i.provisionedThroughput());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void writeThroughput(JsonGenerator g, ProvisionedThroughput p) throws IOException {
        g.writeObjectFieldStart("ProvisionedThroughput");
        g.writeNumberField("ReadCapacityUnits", p.readCapacityUnits());
        g.writeNumberField("WriteCapacityUnits", p.writeCapacityUnits());
        g.writeEndObject();
    }
}
