package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** DescribeTimeToLive's response; {@code attributeName} is null when TTL is disabled, as DynamoDB omits it. */
public record DescribeTimeToLiveResponse(String status, String attributeName) implements Response {

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("TimeToLiveDescription");
        g.writeStringField("TimeToLiveStatus", status);
        if (attributeName != null) {
            g.writeStringField("AttributeName", attributeName);
        }
        g.writeEndObject();
    }
}
