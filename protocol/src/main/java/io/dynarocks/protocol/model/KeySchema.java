package io.dynarocks.protocol.model;

import java.util.List;

/** A resolved key schema: the partition key and the optional sort key, each with its type. */
public record KeySchema(String hashName, String hashType, String rangeName, String rangeType) {

    public boolean hasRange() {
        return rangeName != null;
    }

    public boolean isKeyAttribute(String name) {
        return name.equals(hashName) || name.equals(rangeName);
    }

    public List<KeySchemaElement> elements() {
        return hasRange()
                ? List.of(new KeySchemaElement(hashName, "HASH"), new KeySchemaElement(rangeName, "RANGE"))
                : List.of(new KeySchemaElement(hashName, "HASH"));
    }
}
