package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.IndexStats;
import java.io.IOException;
import java.util.Map;

/**
 * A table description under {@code member}: {@code Table} for DescribeTable,
 * {@code TableDescription} for CreateTable, UpdateTable and DeleteTable. {@code extra} writes the
 * members that modules above the engine add (a global table's {@code Replicas}); null for none.
 */
public record TableResponse(String member, TableDefinition table, String status, IndexStats tableStats,
        Map<String, IndexStats> indexStats, JsonWriter.Body extra) implements Response {

    public TableResponse(String member, TableDefinition table, String status, IndexStats tableStats,
            Map<String, IndexStats> indexStats) {
        this(member, table, status, tableStats, indexStats, null);
    }

    /** The same description with other module members. */
    public TableResponse withExtra(JsonWriter.Body value) {
        return new TableResponse(member, table, status, tableStats, indexStats, value);
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeFieldName(member);
        g.writeStartObject();
        TableDefinitionJson.writeMembers(g, table, indexStats);
        g.writeStringField("TableStatus", status);
        g.writeNumberField("ItemCount", tableStats.itemCount());
        g.writeNumberField("TableSizeBytes", tableStats.sizeBytes());
        if (extra != null) {
            extra.write(g);
        }
        g.writeEndObject();
    }
}
