package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** DescribeEndpoints' response: one endpoint, cached by SDKs for {@code cachePeriodInMinutes}. */
public record DescribeEndpointsResponse(String address, long cachePeriodInMinutes) implements Response {

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("Endpoints");
        g.writeStartObject();
        g.writeStringField("Address", address);
        g.writeNumberField("CachePeriodInMinutes", cachePeriodInMinutes);
        g.writeEndObject();
        g.writeEndArray();
    }
}
