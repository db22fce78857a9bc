package io.dynarocks.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.model.IndexProjection;
import io.dynarocks.protocol.model.IndexStats;
import io.dynarocks.protocol.model.SearchSchemaElement;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Vector indexes in JSON: {@code VectorIndex} / {@code CreateVectorIndexAction} as requests declare them,
 * {@code VectorIndexDescription} as DescribeTable reports them (also the catalog's stored form).
 */
public final class VectorIndexJson {

    private VectorIndexJson() {}

    /** A declared (or stored) vector index; status and backfilling default to a new, ACTIVE index. */
    public static VectorIndexDefinition read(JsonReader r) throws IOException {
        var f = new Object() {
            String name;
            String vectorAttribute;
            Long dimensions;
            String distance;
            IndexProjection projection;
            List<SearchSchemaElement> schema;
            String status;
            boolean backfilling;
        };
        r.readObject((n, v) -> {
            switch (n) {
                case "IndexName" -> f.name = v.readString();
                case "VectorAttribute" -> v.readObject((an, av) -> {
                    if (an.equals("AttributeName")) {
                        f.vectorAttribute = av.readString();
                    } else {
                        av.skip();
                    }
                });
                case "Dimensions" -> f.dimensions = v.readLong();
                case "DistanceFunction" -> f.distance = v.readString();
                case "Projection" -> f.projection = TableDefinitionJson.projection(v);
                case "SearchSchema" -> f.schema = v.readList(VectorIndexJson::searchSchemaElement);
                case "IndexStatus" -> f.status = v.readString();
                case "Backfilling" -> f.backfilling = Boolean.TRUE.equals(v.readBoolean());
                default -> v.skip();
            }
        });
        return new VectorIndexDefinition(f.name, f.vectorAttribute, f.dimensions == null ? 0 : f.dimensions,
                f.distance, f.projection, f.schema, f.status, f.backfilling);
    }

    private static SearchSchemaElement searchSchemaElement(JsonReader r) throws IOException {
        String[] f = new String[2];
        r.readObject((n, v) -> {
            switch (n) {
                case "AttributeName" -> f[0] = v.readString();
                case "SearchSchemaElementType" -> f[1] = v.readString();
                default -> v.skip();
            }
        });
        return new SearchSchemaElement(f[0], f[1]);
    }

    /** DescribeTable's {@code VectorIndexes}; {@code stats} gives live counts (null when stored). */
    static void write(JsonGenerator g, TableDefinition t, Map<String, IndexStats> stats) throws IOException {
        if (t.vectorIndexes().isEmpty()) {
            return;
        }
        g.writeArrayFieldStart("VectorIndexes");
        for (VectorIndexDefinition i : t.vectorIndexes()) {
            g.writeStartObject();
            g.writeStringField("IndexName", i.indexName());
            g.writeObjectFieldStart("VectorAttribute");
            g.writeStringField("AttributeName", i.vectorAttribute());
            g.writeEndObject();
            g.writeNumberField("Dimensions", i.dimensions());
            g.writeStringField("DistanceFunction", i.distanceFunction());
            TableDefinitionJson.writeProjection(g, i.projection());
            if (i.searchSchema() != null) {
                g.writeArrayFieldStart("SearchSchema");
                for (SearchSchemaElement e : i.searchSchema()) {
                    g.writeStartObject();
                    g.writeStringField("AttributeName", e.attributeName());
                    g.writeStringField("SearchSchemaElementType", e.type());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeStringField("IndexStatus", i.status());
            g.writeBooleanField("Backfilling", i.backfilling());
            if (stats != null) {
                IndexStats s = stats.getOrDefault(i.indexName(), IndexStats.EMPTY);
                g.writeNumberField("IndexSizeBytes", s.sizeBytes());
                g.writeNumberField("ItemCount", s.itemCount());
                g.writeStringField("IndexArn", t.tableArn() + "/index/" + i.indexName());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
