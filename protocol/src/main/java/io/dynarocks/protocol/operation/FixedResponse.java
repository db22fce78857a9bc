package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonWriter;

/** A response whose members never change (DescribeLimits, DescribeEndpoints). */
public record FixedResponse(JsonWriter.Body body) implements Response {

    @Override
    public void write(com.fasterxml.jackson.core.JsonGenerator g) throws java.io.IOException {
        body.write(g);
    }
}
