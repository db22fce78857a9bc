package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.KeySchemaElement;
import java.util.List;

/**
 * Member constraints of key schemas and attribute definitions, shared by CreateTable, UpdateTable
 * and their index declarations. Key attribute names are 1..255 characters (non-key attribute names
 * may be up to 64 KB, but key names are limited).
 */
final class SchemaConstraints {

    static final int MAX_KEY_NAME_LENGTH = 255;

    private SchemaConstraints() {}

    /** Constraints of a KeySchema list at {@code member}, e.g. {@code keySchema}. */
    static void keySchema(Constraints c, List<KeySchemaElement> keys, String member) {
        c.size(keys, 1, 2, member);
        if (keys == null) {
            return;
        }
        for (int i = 0; i < keys.size(); i++) {
            KeySchemaElement e = keys.get(i);
            String at = member + "." + (i + 1) + ".member.";
            c.notNull(e.attributeName(), at + "attributeName");
            c.length(e.attributeName(), 1, MAX_KEY_NAME_LENGTH, at + "attributeName");
            c.notNull(e.keyType(), at + "keyType");
            c.oneOf(e.keyType(), at + "keyType", "HASH", "RANGE");
        }
    }

    /** Constraints of an AttributeDefinitions list at {@code member}. */
    static void attributeDefinitions(Constraints c, List<AttributeDefinition> defs, String member) {
        if (defs == null) {
            return;
        }
        for (int i = 0; i < defs.size(); i++) {
            AttributeDefinition d = defs.get(i);
            String at = member + "." + (i + 1) + ".member.";
            c.notNull(d.attributeName(), at + "attributeName");
            c.length(d.attributeName(), 1, MAX_KEY_NAME_LENGTH, at + "attributeName");
            c.notNull(d.attributeType(), at + "attributeType");
            c.oneOf(d.attributeType(), at + "attributeType", "B", "N", "S");
        }
    }
}
