package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.AttributeValueJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * BatchGetItem's ({@code responses} per table and {@code UnprocessedKeys}) or BatchWriteItem's
 * ({@code UnprocessedItems}, always empty here) response, with one ConsumedCapacity per table.
 */
public record BatchResponse(Map<String, List<Map<String, AttributeValue>>> responses,
        Map<String, BatchGetItemRequest.KeysAndAttributes> unprocessedKeys, List<ConsumedCapacity> consumedCapacity,
        Map<String, List<ItemCollectionMetrics>> itemCollectionMetrics,
        Map<String, List<BatchWriteItemRequest.WriteRequest>> unprocessedItems) implements Response {

    public BatchResponse(Map<String, List<Map<String, AttributeValue>>> responses,
            Map<String, BatchGetItemRequest.KeysAndAttributes> unprocessedKeys, List<ConsumedCapacity> consumedCapacity) {
        this(responses, unprocessedKeys, consumedCapacity, null, null);
    }

    /** A BatchWriteItem answer: the writes not processed (throttled), per table, or null for none. */
    public static BatchResponse writes(Map<String, List<BatchWriteItemRequest.WriteRequest>> unprocessedItems,
            List<ConsumedCapacity> consumedCapacity, Map<String, List<ItemCollectionMetrics>> itemCollectionMetrics) {
        return new BatchResponse(null, null, consumedCapacity, itemCollectionMetrics, unprocessedItems);
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        if (responses != null) {
            g.writeObjectFieldStart("Responses");
            for (Map.Entry<String, List<Map<String, AttributeValue>>> e : responses.entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (Map<String, AttributeValue> item : e.getValue()) {
                    AttributeValueJson.writeItem(g, item);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("UnprocessedKeys");
            for (Map.Entry<String, BatchGetItemRequest.KeysAndAttributes> e : unprocessedKeys.entrySet()) {
                writeKeysAndAttributes(g, e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } else {
            g.writeObjectFieldStart("UnprocessedItems");
            if (unprocessedItems != null) {
                for (Map.Entry<String, List<BatchWriteItemRequest.WriteRequest>> e : unprocessedItems.entrySet()) {
                    g.writeArrayFieldStart(e.getKey());
                    for (BatchWriteItemRequest.WriteRequest w : e.getValue()) {
                        g.writeStartObject();
                        g.writeObjectFieldStart(w.item() != null ? "PutRequest" : "DeleteRequest");
                        g.writeFieldName(w.item() != null ? "Item" : "Key");
                        AttributeValueJson.writeItem(g, w.item() != null ? w.item() : w.key());
                        g.writeEndObject();
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                }
            }
            g.writeEndObject();
        }
        if (consumedCapacity != null) {
            g.writeArrayFieldStart("ConsumedCapacity");
            for (ConsumedCapacity c : consumedCapacity) {
                c.writeTo(g);
            }
            g.writeEndArray();
        }
        ItemCollectionMetrics.writeByTable(g, itemCollectionMetrics);
    }

    private static void writeKeysAndAttributes(JsonGenerator g, String table, BatchGetItemRequest.KeysAndAttributes k)
            throws IOException {
        g.writeObjectFieldStart(table);
        g.writeArrayFieldStart("Keys");
        for (Map<String, AttributeValue> key : k.keys()) {
            AttributeValueJson.writeItem(g, key);
        }
        g.writeEndArray();
        if (k.projectionExpression() != null) {
            g.writeStringField("ProjectionExpression", k.projectionExpression());
        }
        if (k.attributesToGet() != null) {
            g.writeArrayFieldStart("AttributesToGet");
            for (String a : k.attributesToGet()) {
                g.writeString(a);
            }
            g.writeEndArray();
        }
        if (k.expressionParameters().names() != null) {
            g.writeObjectFieldStart("ExpressionAttributeNames");
            for (Map.Entry<String, String> e : k.expressionParameters().names().entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }
        if (k.consistentRead()) {
            g.writeBooleanField("ConsistentRead", true);
        }
        g.writeEndObject();
    }
}
