package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;
import java.io.IOException;

/** A request's StreamSpecification. */
public record StreamSpecification(Boolean streamEnabled, String streamViewType) {

    static StreamSpecification read(JsonReader r) throws IOException {
        if (r.isNull()) {
            return null;
        }
        Object[] f = new Object[2];
        r.readObject((n, v) -> {
            switch (n) {
                case "StreamEnabled" -> f[0] = v.readBoolean();
                case "StreamViewType" -> f[1] = v.readString();
                default -> v.skip();
            }
        });
        return new StreamSpecification((Boolean) f[0], (String) f[1]);
    }

    void constrain(Constraints c) {
        c.notNull(streamEnabled, "streamSpecification.streamEnabled");
        c.oneOf(streamViewType, "streamSpecification.streamViewType",
                "NEW_IMAGE", "OLD_IMAGE", "NEW_AND_OLD_IMAGES", "KEYS_ONLY");
    }
}
