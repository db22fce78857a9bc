package io.dynarocks.engine.item;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.KeySchema;
import java.util.Map;

/** Extracts primary keys from items and Key parameters, with DynamoDB's validation messages. */
public final class Keys {

    private static final int MAX_HASH_KEY_BYTES = 2048;
    private static final int MAX_RANGE_KEY_BYTES = 1024;

    private Keys() {}

    /** The key of a whole item (PutItem): every key attribute must be present with its declared type. */
    public static PrimaryKey ofItem(KeySchema schema, Map<String, AttributeValue> item) {
        AttributeValue hash = itemKeyAttribute(item, schema.hashName(), schema.hashType());
        AttributeValue range = schema.hasRange() ? itemKeyAttribute(item, schema.rangeName(), schema.rangeType()) : null;
        checkSizes(hash, range);
        return new PrimaryKey(hash, range);
    }

    /** The key named by a Key parameter: exactly the key attributes, with their declared types. */
    public static PrimaryKey ofKey(KeySchema schema, Map<String, AttributeValue> key) {
        int expected = schema.hasRange() ? 2 : 1;
        AttributeValue hash = key.get(schema.hashName());
        AttributeValue range = schema.hasRange() ? key.get(schema.rangeName()) : null;
        if (key.size() != expected || hash == null || (schema.hasRange() && range == null)
                || !hash.typeName().equals(schema.hashType())
                || (range != null && !range.typeName().equals(schema.rangeType()))) {
            throw DynamoException.validation("The provided key element does not match the schema");
        }
        checkNotEmpty(schema.hashName(), hash);
        if (range != null) {
            checkNotEmpty(schema.rangeName(), range);
        }
        checkSizes(hash, range);
        return new PrimaryKey(hash, range);
    }

    private static AttributeValue itemKeyAttribute(Map<String, AttributeValue> item, String name, String type) {
        AttributeValue v = item.get(name);
        if (v == null) {
            throw DynamoException.validation("One or more parameter values were invalid: Missing the key " + name
                    + " in the item");
        }
        if (!v.typeName().equals(type)) {
            throw DynamoException.validation("One or more parameter values were invalid: Type mismatch for key "
                    + name + " expected: " + type + " actual: " + v.typeName());
        }
        checkNotEmpty(name, v);
        return v;
    }

    private static void checkNotEmpty(String name, AttributeValue v) {
        if (v instanceof AttributeValue.S s && s.value().isEmpty()) {
            throw DynamoException.validation("One or more parameter values are not valid. The AttributeValue for a "
                    + "key attribute cannot contain an empty string value. Key: " + name);
        }
        if (v instanceof AttributeValue.B b && b.value().length() == 0) {
            throw DynamoException.validation("One or more parameter values are not valid. The AttributeValue for a "
                    + "key attribute cannot contain an empty binary value. Key: " + name);
        }
    }

    /** DynamoDB's key size limits: 2048 bytes for a partition key, 1024 for a sort key; either may be null. */
    public static void checkSizes(AttributeValue hash, AttributeValue range) {
        if (hash != null && ItemSize.of(hash) > MAX_HASH_KEY_BYTES) {
            throw DynamoException.validation("One or more parameter values were invalid: Size of hashkey has "
                    + "exceeded the maximum size limit of2048 bytes");
        }
        if (range != null && ItemSize.of(range) > MAX_RANGE_KEY_BYTES) {
            throw DynamoException.validation("One or more parameter values were invalid: Aggregated size of all "
                    + "range keys has exceeded the size limit of 1024 bytes");
        }
    }
}
