package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.TableDefinition;
import java.io.IOException;

/**
 * A table description under {@code member}: {@code Table} for DescribeTable,
 * {@code TableDescription} for CreateTable, UpdateTable and DeleteTable.
 */
public record TableResponse(String member, TableDefinition table, String status, long itemCount, long sizeBytes)
        implements Response {

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeFieldName(member);
        g.writeStartObject();
        TableDefinitionJson.writeMembers(g, table);
        g.writeStringField("TableStatus", status);
        g.writeNumberField("ItemCount", itemCount);
        g.writeNumberField("TableSizeBytes", sizeBytes);
        g.writeEndObject();
    }
}
