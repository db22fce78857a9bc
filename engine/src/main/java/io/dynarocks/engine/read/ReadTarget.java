package io.dynarocks.engine.read;

import io.dynarocks.engine.index.IndexEntries;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.TableDefinition;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a Query or Scan reads: a table, or one of its secondary indexes ({@code index} non-null). */
public record ReadTarget(TableDefinition table, IndexDefinition index) {

    /** The table or its index named {@code indexName}, with DynamoDB's checks on reading it. */
    public static ReadTarget resolve(TableDefinition table, String indexName, boolean consistentRead) {
        if (indexName == null) {
            return new ReadTarget(table, null);
        }
        IndexDefinition index = table.index(indexName).orElseThrow(() -> DynamoException.validation(
                "The table does not have the specified index: " + indexName));
        if (index.global() && consistentRead) {
            throw DynamoException.validation("Consistent reads are not supported on global secondary indexes");
        }
        if (index.backfilling()) {
            throw DynamoException.validation("Cannot read from backfilling global secondary index: " + indexName);
        }
        return new ReadTarget(table, index);
    }

    public KeySchema keySchema() {
        return index == null ? table.keySchema() : index.keySchema();
    }

    public short indexId() {
        return index == null ? ItemKeys.BASE_TABLE : index.indexId();
    }

    public boolean isGlobalIndex() {
        return index != null && index.global();
    }

    /** The LastEvaluatedKey of an item: the table's key, plus the index key when reading an index. */
    public Map<String, AttributeValue> keyOf(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        put(key, item, table.keySchema());
        if (index != null) {
            put(key, item, index.keySchema());
        }
        return key;
    }

    private static void put(Map<String, AttributeValue> key, Map<String, AttributeValue> item, KeySchema schema) {
        key.put(schema.hashName(), item.get(schema.hashName()));
        if (schema.hasRange()) {
            key.put(schema.rangeName(), item.get(schema.rangeName()));
        }
    }

    /** The storage key an ExclusiveStartKey names, validated against the table's (and index's) key. */
    public byte[] startKey(Map<String, AttributeValue> exclusiveStartKey) {
        try {
            if (index == null) {
                return ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE,
                        Keys.ofKey(table.keySchema(), exclusiveStartKey));
            }
            Map<String, AttributeValue> tablePart = new LinkedHashMap<>();
            Map<String, AttributeValue> indexPart = new LinkedHashMap<>();
            exclusiveStartKey.forEach((name, value) -> {
                if (table.keySchema().isKeyAttribute(name)) {
                    tablePart.put(name, value);
                }
                if (index.keySchema().isKeyAttribute(name)) {
                    indexPart.put(name, value);
                }
                if (!table.keySchema().isKeyAttribute(name) && !index.keySchema().isKeyAttribute(name)) {
                    throw DynamoException.validation("The provided key element does not match the schema");
                }
            });
            Keys.ofKey(table.keySchema(), tablePart);
            PrimaryKey indexKey = Keys.ofKey(index.keySchema(), indexPart);
            return IndexEntries.entryKey(table, index, indexKey, tablePart);
        } catch (DynamoException e) {
            throw DynamoException.validation("The provided starting key is invalid: " + e.getMessage());
        }
    }
}
