package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.model.Tag;
import java.io.IOException;
import java.util.List;

/** ListTagsOfResource's response (TagResource and UntagResource answer {@link Response#NO_BODY}). */
public record TagsResponse(List<Tag> tags) implements Response {

    @Override
    public void write(JsonGenerator g) throws IOException {
        g.writeArrayFieldStart("Tags");
        for (Tag t : tags) {
            g.writeStartObject();
            g.writeStringField("Key", t.key());
            g.writeStringField("Value", t.value());
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
