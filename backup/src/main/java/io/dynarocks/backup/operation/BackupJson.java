package io.dynarocks.backup.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.backup.BackupRecord;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.TableDefinition;
import java.io.IOException;

/** Writes DynamoDB's backup structures: BackupDetails, BackupSummary and BackupDescription. */
final class BackupJson {

    private BackupJson() {}

    static void details(JsonGenerator g, BackupRecord r) throws IOException {
        g.writeObjectFieldStart("BackupDetails");
        g.writeStringField("BackupArn", r.arn());
        g.writeStringField("BackupName", r.name());
        g.writeNumberField("BackupSizeBytes", r.sizeBytes());
        g.writeStringField("BackupStatus", r.status());
        g.writeStringField("BackupType", r.type());
        g.writeNumberField("BackupCreationDateTime", r.creationMillis() / 1000.0);
        if (r.expiresMillis() > 0) {
            g.writeNumberField("BackupExpiryDateTime", r.expiresMillis() / 1000.0);
        }
        g.writeEndObject();
    }

    static void summary(JsonGenerator g, BackupRecord r) throws IOException {
        TableDefinition t = r.table();
        g.writeStartObject();
        g.writeStringField("TableName", t.tableName());
        g.writeStringField("TableId", t.tableId());
        g.writeStringField("TableArn", t.tableArn());
        g.writeStringField("BackupArn", r.arn());
        g.writeStringField("BackupName", r.name());
        g.writeNumberField("BackupCreationDateTime", r.creationMillis() / 1000.0);
        if (r.expiresMillis() > 0) {
            g.writeNumberField("BackupExpiryDateTime", r.expiresMillis() / 1000.0);
        }
        g.writeStringField("BackupStatus", r.status());
        g.writeStringField("BackupType", r.type());
        g.writeNumberField("BackupSizeBytes", r.sizeBytes());
        g.writeEndObject();
    }

    /** {@code BackupDescription}: the backup, its source table, and the table's indexes, stream and TTL. */
    static void description(JsonGenerator g, BackupRecord r) throws IOException {
        TableDefinition t = r.table();
        g.writeObjectFieldStart("BackupDescription");
        details(g, r);
        g.writeObjectFieldStart("SourceTableDetails");
        g.writeStringField("TableName", t.tableName());
        g.writeStringField("TableId", t.tableId());
        g.writeStringField("TableArn", t.tableArn());
        g.writeNumberField("TableSizeBytes", r.sizeBytes());
        TableDefinitionJson.writeKeySchema(g, t.keySchema());
        g.writeNumberField("TableCreationDateTime", t.creationDateTimeMillis() / 1000.0);
        TableDefinitionJson.writeUnits(g, t.provisionedThroughput());
        if (t.onDemandThroughput() != null) {
            t.onDemandThroughput().write(g);
        }
        g.writeNumberField("ItemCount", r.itemCount());
        g.writeStringField("BillingMode", t.billingMode());
        g.writeEndObject();
        g.writeObjectFieldStart("SourceTableFeatureDetails");
        TableDefinitionJson.writeIndexDefinitions(g, t, false, false);
        TableDefinitionJson.writeIndexDefinitions(g, t, true, false);
        if (t.stream() != null && t.stream().enabled()) {
            g.writeObjectFieldStart("StreamDescription");
            g.writeBooleanField("StreamEnabled", true);
            g.writeStringField("StreamViewType", t.stream().viewType());
            g.writeEndObject();
        }
        if (t.ttl() != null) {
            g.writeObjectFieldStart("TimeToLiveDescription");
            g.writeStringField("TimeToLiveStatus", t.ttl().enabled() ? "ENABLED" : "DISABLED");
            g.writeStringField("AttributeName", t.ttl().attributeName());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
