package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** A response body: writes the members of the top-level JSON object. */
public interface Response {

    /** The answer of an action without output members: DynamoDB sends an empty body, not {@code {}}. */
    Response NO_BODY = g -> { };

    void write(JsonGenerator g) throws IOException;
}
