package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.TableDefinition;
import java.io.IOException;

/**
 * DeleteTable's answer: the short description DynamoDB gives of a table in the DELETING state, without
 * its key schema, attribute definitions, creation time, indexes or stream.
 */
public record DeletedTableResponse(TableDefinition table) implements Response {

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("TableDescription");
        g.writeStringField("TableName", table.tableName());
        g.writeStringField("TableStatus", "DELETING");
        TableDefinitionJson.writeThroughput(g, table.provisionedThroughput(), table.throughputChanges());
        g.writeNumberField("TableSizeBytes", 0);
        g.writeNumberField("ItemCount", 0);
        g.writeStringField("TableArn", table.tableArn());
        g.writeStringField("TableId", table.tableId());
        g.writeObjectFieldStart("BillingModeSummary");
        g.writeStringField("BillingMode", table.billingMode());
        if (table.payPerRequest()) {
            g.writeNumberField("LastUpdateToPayPerRequestDateTime", table.lastBillingModeChangeMillis() / 1000.0);
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
