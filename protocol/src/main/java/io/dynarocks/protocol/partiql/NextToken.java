package io.dynarocks.protocol.partiql;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.AttributeValueJson;
import io.dynarocks.protocol.json.JsonReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Map;

/**
 * ExecuteStatement's opaque paging token: which of a SELECT's partition queries to go on with and, within
 * it, the last key read (null to start that query from its beginning).
 */
public record NextToken(int partition, Map<String, AttributeValue> lastEvaluatedKey) {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    public String encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeNumberField("p", partition);
            if (lastEvaluatedKey != null) {
                g.writeFieldName("k");
                AttributeValueJson.writeItem(g, lastEvaluatedKey);
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.toByteArray());
    }

    public static NextToken decode(String token) {
        try {
            byte[] json = Base64.getUrlDecoder().decode(token);
            int[] partition = {-1};
            Object[] key = new Object[1];
            JsonReader.readBody(json, (name, r) -> {
                switch (name) {
                    case "p" -> partition[0] = r.readInt();
                    case "k" -> key[0] = AttributeValueJson.readItem(r);
                    default -> r.skip();
                }
            });
            if (partition[0] < 0) {
                throw invalid();
            }
            @SuppressWarnings("unchecked")
            Map<String, AttributeValue> lastKey = (Map<String, AttributeValue>) key[0];
            return new NextToken(partition[0], lastKey);
        } catch (IllegalArgumentException | DynamoException e) {
            throw invalid();
        }
    }

    private static DynamoException invalid() {
        return DynamoException.validation("Invalid NextToken");
    }
}
