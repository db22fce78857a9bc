package io.dynarocks.engine.catalog;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The tables that exist, persisted under {@code C | tableName} and cached in memory.
 * Storage ids come from a persisted counter and are never reused, so a deleted table's
 * leftovers can never be mistaken for a new table's items.
 */
public final class Catalog {

    private static final byte TABLE_PREFIX = 'C';
    private static final byte[] NEXT_ID_KEY = "M:nextTableId".getBytes(StandardCharsets.UTF_8);

    private final Storage storage;
    private final ConcurrentSkipListMap<String, TableDefinition> tables = new ConcurrentSkipListMap<>();
    private int nextId;

    public Catalog(Storage storage) {
        this.storage = storage;
        try (KeyValueIterator it = storage.iterate(KeyRange.prefix(new byte[] {TABLE_PREFIX}), false, null)) {
            while (it.next()) {
                TableDefinition t = TableDefinitionJson.fromBytes(it.value());
                tables.put(t.tableName(), t);
            }
        }
        byte[] next = storage.get(NEXT_ID_KEY);
        nextId = next == null ? 1 : ByteBuffer.wrap(next).getInt();
    }

    /** The table, or DynamoDB's ResourceNotFoundException for item operations. */
    public TableDefinition require(String name) {
        TableDefinition t = tables.get(name);
        if (t == null) {
            throw DynamoException.tableNotFound();
        }
        return t;
    }

    /** The table, or the ResourceNotFoundException message of the table-level operations. */
    public TableDefinition requireForTableOperation(String name) {
        TableDefinition t = tables.get(name);
        if (t == null) {
            throw DynamoException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        }
        return t;
    }

    public synchronized int allocateId(WriteBatch batch) {
        int id = nextId++;
        batch.put(NEXT_ID_KEY, ByteBuffer.allocate(4).putInt(nextId).array());
        return id;
    }

    /**
     * The catalog's current definition of the table {@code seen} describes (same storage id), or
     * {@code seen} itself when the table is gone. Change hooks call it while the item is locked, so
     * a write that raced a table update (new index, TTL enabled) still sees the update.
     */
    public TableDefinition current(TableDefinition seen) {
        TableDefinition now = tables.get(seen.tableName());
        return now != null && now.storageId() == seen.storageId() ? now : seen;
    }

    /** The table if it exists now. */
    public java.util.Optional<TableDefinition> find(String name) {
        return java.util.Optional.ofNullable(tables.get(name));
    }

    /** Every table that exists now, by name. */
    public java.util.Collection<TableDefinition> tables() {
        return java.util.Collections.unmodifiableCollection(tables.values());
    }

    public boolean exists(String name) {
        return tables.containsKey(name);
    }

    /** Adds the table's catalog entry to {@code batch}; call {@link #published} once written. */
    public void stage(WriteBatch batch, TableDefinition t) {
        batch.put(key(t.tableName()), TableDefinitionJson.toBytes(t));
    }

    public void published(TableDefinition t) {
        tables.put(t.tableName(), t);
    }

    public void stageRemoval(WriteBatch batch, String name) {
        batch.delete(key(name));
    }

    public void removed(String name) {
        tables.remove(name);
    }

    /** Table names after {@code exclusiveStart}, in order, at most {@code limit + 1} (to detect more). */
    public List<String> names(String exclusiveStart, int limit) {
        var view = exclusiveStart == null ? tables.keySet() : tables.tailMap(exclusiveStart, false).keySet();
        List<String> out = new ArrayList<>();
        for (String n : view) {
            if (out.size() > limit) {
                break;
            }
            out.add(n);
        }
        return out;
    }

    private static byte[] key(String tableName) {
        byte[] name = tableName.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(1 + name.length).put(TABLE_PREFIX).put(name).array();
    }
}
