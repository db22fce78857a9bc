package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** UpdateTimeToLive's response: the accepted TimeToLiveSpecification, echoed. */
public record UpdateTimeToLiveResponse(String attributeName, boolean enabled) implements Response {

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("TimeToLiveSpecification");
        g.writeStringField("AttributeName", attributeName);
        g.writeBooleanField("Enabled", enabled);
        g.writeEndObject();
    }
}
