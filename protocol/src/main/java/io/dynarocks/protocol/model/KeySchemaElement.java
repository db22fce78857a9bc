package io.dynarocks.protocol.model;

/** One element of a key schema: an attribute name and {@code HASH} or {@code RANGE}. */
public record KeySchemaElement(String attributeName, String keyType) {
    public boolean isHash() {
        return "HASH".equals(keyType);
    }
}
