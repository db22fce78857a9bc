package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A response body: writes the members of the top-level JSON object. */
public interface Response {
    void write(JsonGenerator g) throws IOException;
}
