package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.IndexStats;
import java.io.IOException;
import java.util.Map;

/**
 * A table description under {@code member}: {@code Table} for DescribeTable,
 * {@code TableDescription} for CreateTable, UpdateTable and DeleteTable.
 */
public record TableResponse(String member, TableDefinition table, String status, IndexStats tableStats,
        Map<String, IndexStats> indexStats) implements Response {

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeFieldName(member);
        g.writeStartObject();
        TableDefinitionJson.writeMembers(g, table, indexStats);
        g.writeStringField("TableStatus", status);
        g.writeNumberField("ItemCount", tableStats.itemCount());
        g.writeNumberField("TableSizeBytes", tableStats.sizeBytes());
        g.writeEndObject();
    }
}
