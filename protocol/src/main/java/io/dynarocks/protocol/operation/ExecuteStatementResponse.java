package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.AttributeValueJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/** ExecuteStatement's response: the items read (or returned by a write), and where to go on. */
public record ExecuteStatementResponse(List<Map<String, AttributeValue>> items, String nextToken,
        Map<String, AttributeValue> lastEvaluatedKey, ConsumedCapacity consumedCapacity) implements Response {

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("Items");
        for (Map<String, AttributeValue> item : items) {
            AttributeValueJson.writeItem(g, item);
        }
        g.writeEndArray();
        if (nextToken != null) {
            g.writeStringField("NextToken", nextToken);
        }
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
