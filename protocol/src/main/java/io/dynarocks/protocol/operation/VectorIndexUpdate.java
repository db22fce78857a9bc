package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.VectorIndexJson;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import java.io.IOException;

/** One entry of UpdateTable's VectorIndexUpdates: exactly one of create or delete. */
public record VectorIndexUpdate(VectorIndexDefinition create, String deleteIndexName) {

    static VectorIndexUpdate read(JsonReader r) throws IOException {
        var f = new Object() {
            VectorIndexDefinition create;
            String delete;
        };
        r.readObject((n, v) -> {
            switch (n) {
                case "Create" -> f.create = VectorIndexJson.read(v);
                case "Delete" -> v.readObject((dn, dv) -> {
                    if (dn.equals("IndexName")) {
                        f.delete = dv.readString();
                    } else {
                        dv.skip();
                    }
                });
                default -> v.skip();
            }
        });
        return new VectorIndexUpdate(f.create, f.delete);
    }
}
