package io.dynarocks.engine;

import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.WriteBatch;
import java.util.Map;

/**
 * Sees every item change before it is written and adds its own entries (stream records, expiry
 * index, secondary index entries) to the same atomic batch: nothing is written "afterwards".
 */
public interface ChangeHook {

    /**
     * One item change. {@code oldItem} or {@code newItem} is null when the item did not exist before
     * or after; {@code serviceDelete} marks deletions made by DynamoDB itself (TTL), which streams
     * report with a service {@code userIdentity}.
     */
    record Change(TableDefinition table, PrimaryKey key, Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem, boolean serviceDelete) {}

    void onChange(Change change, WriteBatch batch);

    /**
     * A table's definition changes (CreateTable: {@code before} null; DeleteTable: {@code after} null);
     * the hook may add entries to the catalog's write batch, e.g. to open or close a stream.
     */
    default void onTableChange(TableDefinition before, TableDefinition after, WriteBatch batch) {}

    /**
     * Whether DeleteTable must leave the table's items in place for this hook (point-in-time recovery
     * keeps a deleted table's items as the base of its restores); it then removes them itself later.
     */
    default boolean retainsItems(TableDefinition table) {
        return false;
    }
}
