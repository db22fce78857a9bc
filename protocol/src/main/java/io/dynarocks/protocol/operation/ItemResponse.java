package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.AttributeValueJson;
import java.io.IOException;
import java.util.Map;

/**
 * The response of the single-item operations: an optional item under {@code member}
 * ({@code Item} for GetItem, {@code Attributes} for writes), optional consumed capacity and, for
 * writes to tables with local secondary indexes, optional item collection metrics.
 */
public record ItemResponse(String member, Map<String, AttributeValue> item, ConsumedCapacity consumedCapacity,
        ItemCollectionMetrics itemCollectionMetrics) implements Response {

    public ItemResponse(String member, Map<String, AttributeValue> item, ConsumedCapacity consumedCapacity) {
        this(member, item, consumedCapacity, null);
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        if (item != null) {
            g.writeFieldName(member);
            AttributeValueJson.writeItem(g, item);
        }
        if (consumedCapacity != null) {
            g.writeFieldName("ConsumedCapacity");
            consumedCapacity.writeTo(g);
        }
        if (itemCollectionMetrics != null) {
            g.writeFieldName("ItemCollectionMetrics");
            itemCollectionMetrics.writeTo(g);
        }
    }
}
