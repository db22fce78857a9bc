package io.dynarocks.protocol.model;

/** A key attribute's declared type: {@code S}, {@code N} or {@code B}. */
public record AttributeDefinition(String attributeName, String attributeType) {}
