package io.dynarocks.engine.catalog;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The tables that exist, persisted under {@code C | tableName} and cached in memory.
 * Storage ids come from a persisted counter and are never reused, so a deleted table's
 * leftovers can never be mistaken for a new table's items.
 *
 * <p>On a store other servers share, the cache follows their changes: a table missing from it is
 * looked up in storage, a watch reloads entries others change, and every item write expects its
 * table's entry as this server knows it ({@link #expectCurrent}), so no write commits against a stale
 * definition (one missing a new index, say).
 */
public final class Catalog {

    private static final byte TABLE_PREFIX = 'C';
    private static final byte[] NEXT_ID_KEY = "M:nextTableId".getBytes(StandardCharsets.UTF_8);

    private final Storage storage;
    /**
     * Each cached definition with its stored form, which item writes expect on a shared store: one
     * record, so a write never expects the bytes of one definition while it computed with another.
     */
    private final ConcurrentSkipListMap<String, Entry> tables = new ConcurrentSkipListMap<>();
    /**
     * Cache updates of one table name take turns (reading storage inside), so the cache only moves
     * forward: a reload that read an older entry never lands after one that read a newer.
     */
    private final Object[] updateLocks = new Object[64];
    private final TransientStatuses transientStatuses;
    private int nextId;

    public Catalog(Storage storage) {
        this(storage, new TransientStatuses(TransientDelays.NONE, java.time.Clock.systemUTC()));
    }

    /** A catalog whose tables and indexes pass through the transient statuses of {@code transientStatuses}. */
    public Catalog(Storage storage, TransientStatuses transientStatuses) {
        this.storage = storage;
        java.util.Arrays.setAll(updateLocks, i -> new Object());
        this.transientStatuses = transientStatuses;
        try (KeyValueIterator it = storage.iterate(KeyRange.prefix(new byte[] {TABLE_PREFIX}), false, null)) {
            while (it.next()) {
                TableDefinition t = TableDefinitionJson.fromBytes(it.value());
                tables.put(t.tableName(), new Entry(t, it.value()));
            }
        }
        byte[] next = storage.get(NEXT_ID_KEY);
        nextId = next == null ? 1 : ByteBuffer.wrap(next).getInt();
        if (storage.shared()) {
            storage.watch(new byte[] {TABLE_PREFIX}, key -> {
                if (key == null) {
                    tables.keySet().forEach(this::refresh);
                } else {
                    refresh(new String(key, 1, key.length - 1, StandardCharsets.UTF_8));
                }
            });
        }
    }

    /**
     * Reloads one table's entry from storage (another server may have created, changed or deleted it);
     * the table, or null when it does not exist.
     */
    public TableDefinition refresh(String name) {
        synchronized (updateLock(name)) {
            byte[] value = storage.get(key(name));
            if (value == null) {
                tables.remove(name);
                return null;
            }
            TableDefinition t = TableDefinitionJson.fromBytes(value);
            tables.put(name, new Entry(t, value));
            return t;
        }
    }

    /** The cached table, looked up in storage when missing and another server may have created it. */
    private TableDefinition lookup(String name) {
        Entry e = tables.get(name);
        return e != null ? e.table() : storage.shared() ? refresh(name) : null;
    }

    /**
     * On a shared store, makes {@code batch} commit only while the table's stored definition is the one
     * this server knows; nothing otherwise (this server makes every catalog change itself). Call it before
     * the change hooks compute the write's entries with {@link #current}: the cache only moves forward, so
     * they compute with this definition or a newer one, and with a newer one the batch conflicts (its
     * expectation is older than what is stored) and the write is computed again. Expecting whatever is
     * cached at commit time instead would let a write computed before the watch delivered a new index
     * commit against the definition that lists it, without the index's entry.
     */
    public void expectCurrent(WriteBatch batch, TableDefinition table) {
        if (storage.shared()) {
            Entry known = tables.get(table.tableName());
            if (known == null) {
                throw DynamoException.tableNotFound(); // another server deleted it
            }
            batch.expect(key(table.tableName()), known.stored());
        }
    }

    /**
     * The table, or DynamoDB's ResourceNotFoundException for item operations (also while it is CREATING),
     * with its indexes as item operations see them ({@link TransientStatuses#readable}).
     */
    public TableDefinition require(String name) {
        TableDefinition t = lookup(name);
        if (t == null) {
            throw DynamoException.tableNotFound();
        }
        return transientStatuses.readable(t);
    }

    /** What is still in progress after table, index and Time to Live changes. */
    public TransientStatuses transientStatuses() {
        return transientStatuses;
    }

    /** The table, or the ResourceNotFoundException message of the table-level operations. */
    public TableDefinition requireForTableOperation(String name) {
        TableDefinition t = lookup(name);
        if (t == null) {
            throw DynamoException.resourceNotFound("Requested resource not found: Table: " + name + " not found");
        }
        return t;
    }

    public synchronized int allocateId(WriteBatch batch) {
        if (storage.shared()) {
            // Other servers allocate too: continue from the stored counter, and commit only if it is unchanged.
            byte[] next = storage.get(NEXT_ID_KEY);
            nextId = Math.max(nextId, next == null ? 1 : ByteBuffer.wrap(next).getInt());
            batch.expect(NEXT_ID_KEY, next);
        }
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
        Entry now = tables.get(seen.tableName());
        return now != null && now.table().storageId() == seen.storageId() ? now.table() : seen;
    }

    /** The table if it exists now. */
    public java.util.Optional<TableDefinition> find(String name) {
        return java.util.Optional.ofNullable(lookup(name));
    }

    /** Every table that exists now, by name. */
    public java.util.Collection<TableDefinition> tables() {
        return tables.values().stream().map(Entry::table).toList();
    }

    public boolean exists(String name) {
        return lookup(name) != null;
    }

    /**
     * Adds the table's catalog entry {@code updated} to {@code batch}; call {@link #published} once written.
     * {@code read} is the definition {@code updated} was computed from (null for a new table): on a shared
     * store the batch commits only while that one is still stored. Expecting whatever is cached at staging
     * time instead would lose a change: the watch may have delivered another server's change (a new index,
     * say) since {@code read} was looked up, and {@code updated}, which lacks it, would then commit over it.
     * Throws {@link WriteConflictException} when the cache has already moved past {@code read}, so the
     * caller's retry ({@code Conflicts.retryTableChange}) computes the change again on what is stored now.
     */
    public void stage(WriteBatch batch, TableDefinition read, TableDefinition updated) {
        if (storage.shared()) {
            batch.expect(key(updated.tableName()), storedForm(updated.tableName(), read));
        }
        batch.put(key(updated.tableName()), TableDefinitionJson.toBytes(updated));
    }

    public void published(TableDefinition t) {
        if (storage.shared()) {
            // Another server may have changed it again since the commit (and the watch may have delivered
            // that already): read what is stored rather than move the cache back to this change.
            refresh(t.tableName());
            return;
        }
        tables.put(t.tableName(), new Entry(t, TableDefinitionJson.toBytes(t)));
    }

    /** Adds the removal of table {@code read}'s entry to {@code batch}, expecting it as read (see {@link #stage}). */
    public void stageRemoval(WriteBatch batch, TableDefinition read) {
        if (storage.shared()) {
            batch.expect(key(read.tableName()), storedForm(read.tableName(), read));
        }
        batch.delete(key(read.tableName()));
    }

    public void removed(String name) {
        if (storage.shared()) {
            refresh(name); // as in published: another server may have created the table again since
            return;
        }
        tables.remove(name);
    }

    /**
     * The stored bytes of {@code read}, the definition of table {@code name} a change was computed from
     * (null: the table did not exist); a conflict when the cache no longer holds it.
     */
    private byte[] storedForm(String name, TableDefinition read) {
        Entry e = tables.get(name);
        if (e == null && read == null) {
            return null;
        }
        if (e == null || read == null || (e.table() != read && !e.table().equals(read))) {
            throw new WriteConflictException("table " + name + " changed since it was read");
        }
        return e.stored();
    }

    private Object updateLock(String name) {
        return updateLocks[Math.floorMod(name.hashCode(), updateLocks.length)];
    }

    /** A cached definition and the bytes it is stored as. */
    private record Entry(TableDefinition table, byte[] stored) {}

    /** Table names after {@code exclusiveStart}, in order, at most {@code limit + 1} (to detect more). */
    public List<String> names(String exclusiveStart, int limit) {
        java.util.NavigableSet<String> all = tables.keySet();
        java.util.Set<String> deleting = transientStatuses.deletingNames();
        if (!deleting.isEmpty()) {
            // Deleted tables are listed while they are described as DELETING, as DynamoDB lists them.
            all = new java.util.TreeSet<>(all);
            all.addAll(deleting);
        }
        var view = exclusiveStart == null ? all : all.tailSet(exclusiveStart, false);
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
