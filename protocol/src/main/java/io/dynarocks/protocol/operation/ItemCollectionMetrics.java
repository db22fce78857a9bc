package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.AttributeValueJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The size of the item collection (all items sharing a partition key, with their local secondary
 * index entries) a write touched, as DynamoDB reports it: the partition key and a range in GB.
 */
public record ItemCollectionMetrics(Map<String, AttributeValue> itemCollectionKey, double lowerGb, double upperGb) {

    /** The {@code ItemCollectionMetrics} member of BatchWriteItem and TransactWriteItems; nothing when empty. */
    public static void writeByTable(JsonGenerator g, Map<String, List<ItemCollectionMetrics>> byTable)
            throws IOException {
        if (byTable == null || byTable.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("ItemCollectionMetrics");
        for (Map.Entry<String, List<ItemCollectionMetrics>> e : byTable.entrySet()) {
            g.writeArrayFieldStart(e.getKey());
            for (ItemCollectionMetrics m : e.getValue()) {
                m.writeTo(g);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    public void writeTo(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeFieldName("ItemCollectionKey");
        AttributeValueJson.writeItem(g, itemCollectionKey);
        g.writeArrayFieldStart("SizeEstimateRangeGB");
        g.writeNumber(lowerGb);
        g.writeNumber(upperGb);
        g.writeEndArray();
        g.writeEndObject();
    }
}
