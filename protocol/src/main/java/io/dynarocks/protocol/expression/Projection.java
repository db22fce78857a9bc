package io.dynarocks.protocol.expression;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** A resolved projection: the document paths to return. */
public record Projection(List<DocumentPath> paths) {

    public Projection {
        paths = List.copyOf(paths);
    }

    /** The top-level attributes the projection reads. */
    public Set<String> attributes() {
        Set<String> names = new LinkedHashSet<>();
        for (DocumentPath p : paths) {
            names.add(p.attribute());
        }
        return names;
    }
}
