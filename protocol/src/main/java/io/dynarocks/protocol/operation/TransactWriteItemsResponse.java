package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * TransactWriteItems' response: capacity per table when ReturnConsumedCapacity asks, item collection
 * metrics per table when ReturnItemCollectionMetrics asks, else empty.
 */
public record TransactWriteItemsResponse(List<ConsumedCapacity> consumedCapacity,
        Map<String, List<ItemCollectionMetrics>> itemCollectionMetrics) implements Response {

    public TransactWriteItemsResponse(List<ConsumedCapacity> consumedCapacity) {
        this(consumedCapacity, Map.of());
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        ConsumedCapacity.writeList(g, consumedCapacity);
        ItemCollectionMetrics.writeByTable(g, itemCollectionMetrics);
    }
}
