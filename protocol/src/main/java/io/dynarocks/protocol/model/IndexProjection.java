package io.dynarocks.protocol.model;

import java.util.List;

/** Which attributes a secondary index holds: {@code KEYS_ONLY}, {@code INCLUDE} (with names) or {@code ALL}. */
public record IndexProjection(String projectionType, List<String> nonKeyAttributes) {
    public static final IndexProjection ALL = new IndexProjection("ALL", null);
}
