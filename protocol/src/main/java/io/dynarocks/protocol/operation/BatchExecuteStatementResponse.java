package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.AttributeValueJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** BatchExecuteStatement's response: one entry per statement, in request order, and capacity per table. */
public record BatchExecuteStatementResponse(List<Entry> responses, List<ConsumedCapacity> consumedCapacity)
        implements Response {

    /**
     * One statement's outcome: its table and, for a read, the item (null when absent); or an error with
     * DynamoDB's BatchStatementError code, message and, on a failed condition with ALL_OLD, the item.
     */
    public record Entry(String tableName, Map<String, AttributeValue> item, String errorCode, String errorMessage,
            Map<String, AttributeValue> errorItem) {

        public static Entry success(String tableName, Map<String, AttributeValue> item) {
            return new Entry(tableName, item, null, null, null);
        }

        public static Entry error(String tableName, String code, String message, Map<String, AttributeValue> item) {
            return new Entry(tableName, null, code, message, item);
        }
    }

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("Responses");
        for (Entry e : responses) {
            g.writeStartObject();
            if (e.errorCode() != null) {
                g.writeObjectFieldStart("Error");
                g.writeStringField("Code", e.errorCode());
                if (e.errorMessage() != null) {
                    g.writeStringField("Message", e.errorMessage());
                }
                if (e.errorItem() != null) {
                    g.writeFieldName("Item");
                    AttributeValueJson.writeItem(g, e.errorItem());
                }
                g.writeEndObject();
            }
            if (e.tableName() != null) {
                g.writeStringField("TableName", e.tableName());
            }
            if (e.item() != null) {
                g.writeFieldName("Item");
                AttributeValueJson.writeItem(g, e.item());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        ConsumedCapacity.writeList(g, consumedCapacity);
    }
}
