package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCounts;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.limits.Throughput;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.IndexStats;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import io.dynarocks.protocol.operation.TableResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a table description with item counts and sizes of the table and its indexes, read from {@link ItemCounts}. */
public final class TableStatistics {

    private TableStatistics() {}

    static TableResponse describe(Engine engine, String member, TableDefinition stored, String status) {
        // NumberOfDecreasesToday counts the decreases of the current UTC day only.
        TableDefinition table = stored.describedAt(engine.clock().millis());
        Map<String, IndexStats> indexes = new LinkedHashMap<>();
        for (IndexDefinition index : table.indexes()) {
            indexes.put(index.indexName(), ItemCounts.read(engine.storage(), table.storageId(), index.indexId()));
        }
        for (VectorIndexDefinition index : table.vectorIndexes()) {
            indexes.put(index.indexName(), engine.vectorIndexStatistics().of(table, index.indexName()));
        }
        return new TableResponse(member, table, status, of(engine, table), indexes,
                withWarmThroughput(engine.tableDescriptionMembers().of(table),
                        engine.throughput().warmThroughput(table, null)));
    }

    /** {@code members} followed by {@code WarmThroughput} (reported when throughput limits are enforced). */
    private static JsonWriter.Body withWarmThroughput(JsonWriter.Body members, Throughput.WarmThroughput warm) {
        if (warm == null) {
            return members;
        }
        return g -> {
            if (members != null) {
                members.write(g);
            }
            g.writeObjectFieldStart("WarmThroughput");
            g.writeNumberField("ReadUnitsPerSecond", warm.readUnitsPerSecond());
            g.writeNumberField("WriteUnitsPerSecond", warm.writeUnitsPerSecond());
            g.writeStringField("Status", "ACTIVE");
            g.writeEndObject();
        };
    }

    /** The table's item count and size now: O(1), whatever the table's size. */
    public static IndexStats of(Engine engine, TableDefinition table) {
        return ItemCounts.read(engine.storage(), table.storageId(), ItemKeys.BASE_TABLE);
    }
}
