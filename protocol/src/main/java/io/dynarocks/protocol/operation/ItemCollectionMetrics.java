package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.AttributeValueJson;
import java.io.IOException;
import java.util.Map;

/**
 * The size of the item collection (all items sharing a partition key, with their local secondary
 * index entries) a write touched, as DynamoDB reports it: the partition key and a range in GB.
 */
public record ItemCollectionMetrics(Map<String, AttributeValue> itemCollectionKey, double lowerGb, double upperGb) {

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
