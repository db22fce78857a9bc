package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.AttributeValueJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * SearchVectors' response: results best first, each an item (as the index projects it) and its score;
 * {@code searchRequestBytes} is the VectorCapacity charged, or null when not asked for.
 */
public record SearchVectorsResponse(List<Result> results, Double searchRequestBytes) implements Response {

    /** One nearest neighbour. */
    public record Result(Map<String, AttributeValue> item, double score) {}

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("SearchResults");
        for (Result r : results) {
            g.writeStartObject();
            g.writeFieldName("Item");
            AttributeValueJson.writeItem(g, r.item());
            g.writeNumberField("Score", r.score());
            g.writeEndObject();
        }
        g.writeEndArray();
        if (searchRequestBytes != null) {
            g.writeObjectFieldStart("ConsumedCapacity");
            g.writeNumberField("VectorSearchRequestBytes", searchRequestBytes);
            g.writeEndObject();
        }
    }
}
