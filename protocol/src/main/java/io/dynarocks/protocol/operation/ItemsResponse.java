package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.AttributeValueJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** Query's and Scan's response; {@code items} is null for {@code Select=COUNT}. */
public record ItemsResponse(List<Map<String, AttributeValue>> items, int count, int scannedCount,
        Map<String, AttributeValue> lastEvaluatedKey, ConsumedCapacity consumedCapacity) implements Response {

    @Override
    public void write(JsonGenerator g) throws IOException {
        if (items != null) {
            g.writeArrayFieldStart("Items");
            for (Map<String, AttributeValue> item : items) {
                AttributeValueJson.writeItem(g, item);
            }
            g.writeEndArray();
        }
        g.writeNumberField("Count", count);
        g.writeNumberField("ScannedCount", scannedCount);
        if (lastEvaluatedKey != null) {
            g.writeFieldName("LastEvaluatedKey");
            AttributeValueJson.writeItem(g, lastEvaluatedKey);
        }
        if (consumedCapacity != null) {
            g.writeFieldName("ConsumedCapacity");
            consumedCapacity.writeTo(g);
        }
    }
}
