package io.dynarocks.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Loads many items with BatchWriteItem, 25 at a time. */
final class Bulk {

    private Bulk() {}

    static void write(DynamoDbClient client, String table, int count, IntFunction<Map<String, AttributeValue>> item) {
        List<WriteRequest> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Map<String, AttributeValue> it = item.apply(i);
            batch.add(WriteRequest.builder().putRequest(p -> p.item(it)).build());
            if (batch.size() == 25 || i == count - 1) {
                List<WriteRequest> requests = List.copyOf(batch);
                BatchWriteItemResponse r = client.batchWriteItem(b -> b.requestItems(Map.of(table, requests)));
                if (!r.unprocessedItems().isEmpty()) {
                    throw new IllegalStateException("unprocessed items: " + r.unprocessedItems());
                }
                batch.clear();
            }
        }
    }
}
