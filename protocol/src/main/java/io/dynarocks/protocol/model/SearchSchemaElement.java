package io.dynarocks.protocol.model;

/**
 * One attribute of a vector index's search schema: its vector-index partition key ({@code HASH}) or an
 * attribute kept inline with each vector for filtering ({@code INLINE_FILTER}).
 */
public record SearchSchemaElement(String attributeName, String type) {

    public static final String HASH = "HASH";
    public static final String INLINE_FILTER = "INLINE_FILTER";

    public boolean isHash() {
        return HASH.equals(type);
    }
}
