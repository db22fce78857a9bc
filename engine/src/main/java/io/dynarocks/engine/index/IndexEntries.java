package io.dynarocks.engine.index;

import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.TableDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Index entries of items: key {@code T | tableId | indexId | hash(index pk) | enc(index pk) | enc(index sk)
 * | enc(table pk) | enc(table sk)} (the table key makes non-unique index keys distinct), value the
 * projected item. Items lacking an index key attribute are not in the index (sparse indexes).
 */
public final class IndexEntries {

    private IndexEntries() {}

    /** The entry key of {@code item} in {@code index}, or null when the item is not in the index. */
    public static byte[] key(TableDefinition table, IndexDefinition index, Map<String, AttributeValue> item) {
        KeySchema k = index.keySchema();
        AttributeValue hash = keyValue(item, k.hashName(), k.hashType());
        AttributeValue range = k.hasRange() ? keyValue(item, k.rangeName(), k.rangeType()) : null;
        if (hash == null || (k.hasRange() && range == null)) {
            return null;
        }
        return entryKey(table, index, new PrimaryKey(hash, range), item);
    }

    /**
     * The entry key from an index key and a map holding the table's key attributes (an item, or an
     * ExclusiveStartKey).
     */
    public static byte[] entryKey(TableDefinition table, IndexDefinition index, PrimaryKey indexKey,
            Map<String, AttributeValue> tableKey) {
        KeySchema t = table.keySchema();
        byte[] tableHash = ItemKeys.encode(tableKey.get(t.hashName()));
        byte[] tableRange = t.hasRange() ? ItemKeys.encode(tableKey.get(t.rangeName())) : new byte[0];
        return ItemKeys.concat(ItemKeys.key(table.storageId(), index.indexId(), indexKey), tableHash, tableRange);
    }

    private static AttributeValue keyValue(Map<String, AttributeValue> item, String name, String type) {
        AttributeValue v = item.get(name);
        return v != null && v.typeName().equals(type) ? v : null;
    }

    /** {@link #checkWritable(IndexDefinition, Map)} for every index of the table. */
    public static void checkWritable(TableDefinition table, Map<String, AttributeValue> item) {
        for (IndexDefinition index : table.indexes()) {
            checkWritable(index, item);
        }
    }

    /**
     * Rejects a written item whose index key attributes have the wrong type or are empty, as DynamoDB
     * does (a missing attribute is fine: the item is just not in the index).
     */
    public static void checkWritable(IndexDefinition index, Map<String, AttributeValue> item) {
        KeySchema k = index.keySchema();
        check(index, item, k.hashName(), k.hashType());
        if (k.hasRange()) {
            check(index, item, k.rangeName(), k.rangeType());
        }
        // Index keys have the table keys' size limits (2048 bytes partition, 1024 bytes sort).
        Keys.checkSizes(item.get(k.hashName()), k.hasRange() ? item.get(k.rangeName()) : null);
    }

    private static void check(IndexDefinition index, Map<String, AttributeValue> item, String name, String type) {
        AttributeValue v = item.get(name);
        if (v == null) {
            return;
        }
        if (!v.typeName().equals(type)) {
            throw DynamoException.validation("One or more parameter values were invalid: Type mismatch for Index Key "
                    + name + " Expected: " + type + " Actual: " + v.typeName() + " IndexName: " + index.indexName());
        }
        if ((v instanceof AttributeValue.S s && s.value().isEmpty())
                || (v instanceof AttributeValue.B b && b.value().length() == 0)) {
            throw DynamoException.validation("One or more parameter values are not valid. A value specified for a "
                    + "secondary index key is not supported. The AttributeValue for a key attribute cannot contain an "
                    + "empty " + (v instanceof AttributeValue.S ? "string" : "binary") + " value. IndexName: "
                    + index.indexName() + ", IndexKey: " + name);
        }
    }

    /** The attributes of {@code item} that {@code index} holds: its keys, the table's keys and its projection. */
    public static Map<String, AttributeValue> project(TableDefinition table, IndexDefinition index,
            Map<String, AttributeValue> item) {
        String type = index.projection().projectionType();
        if ("ALL".equals(type)) {
            return item;
        }
        Map<String, AttributeValue> out = new LinkedHashMap<>();
        item.forEach((name, value) -> {
            if (isProjected(table, index, name)) {
                out.put(name, value);
            }
        });
        return out;
    }

    /** Whether {@code index} holds the top-level attribute {@code name}. */
    public static boolean isProjected(TableDefinition table, IndexDefinition index, String name) {
        if (table.keySchema().isKeyAttribute(name) || index.keySchema().isKeyAttribute(name)) {
            return true;
        }
        String type = index.projection().projectionType();
        return "ALL".equals(type) || ("INCLUDE".equals(type) && index.projection().nonKeyAttributes().contains(name));
    }
}
