package io.dynarocks.replication;

import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.TableDefinition;

/**
 * The CreateTable request that makes a replica of a table in another region: same key schema,
 * attribute definitions, secondary indexes, billing, and a stream of the same view type (NEW_AND_OLD_IMAGES
 * unless the table's has another), as DynamoDB gives every replica of a version 2019.11.21 global table; encrypted with the same kind of key (the
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
                TableDefinitionJson.writeUnits(g, t.provisionedThroughput());
            }
            TableDefinitionJson.writeIndexDefinitions(g, t, true, true);
            TableDefinitionJson.writeIndexDefinitions(g, t, false, true);
            g.writeObjectFieldStart("StreamSpecification");
            g.writeBooleanField("StreamEnabled", true);
            g.writeStringField("StreamViewType", t.stream() != null && t.stream().enabled()
                    ? t.stream().viewType() : "NEW_AND_OLD_IMAGES");
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
}
