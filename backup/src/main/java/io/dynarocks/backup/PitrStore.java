package io.dynarocks.backup;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.operation.Conflicts;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Point-in-time recovery: which tables log their changes ({@link ChangeLog}), for how long, and the
 * table as it was at any millisecond of the window.
 *
 * <p>The log is an undo log: each change records the item's previous image, in the same batch as the
 * change. The table at time T is the current table with, for every key changed after T, the image the
 * first such change replaced. So no periodic full snapshot is needed: what is kept is proportional to
 * the changes in the window, and the current table (or, once deleted, its retained key space) is the base.
 */
public final class PitrStore {

    private final Engine engine;
    private final ConcurrentHashMap<Integer, PitrSettings> byStorageId = new ConcurrentHashMap<>();
    /** The stored form of each table's settings, which item writes expect on a shared store. */
    private final ConcurrentHashMap<Integer, byte[]> stored = new ConcurrentHashMap<>();
    /**
     * Held while a reload reads the settings and caches them, and while a change writes them and caches
     * them: so the watch's reload that read older settings never lands after this server's newer change
     * (the cache only moves forward; a cache moved back to "not logging" would let writes commit unlogged).
     */
    private final Object cacheLock = new Object();
    private final AtomicLong lastMillis = new AtomicLong();
    private final AtomicLong seq = new AtomicLong();
    /**
     * Makes log keys of different servers sharing a store distinct even with the same millisecond and
     * sequence number: each server's sequence starts at a random point of a 2^62 range.
     */
    private final long seqBase = java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 2;

    public PitrStore(Engine engine) {
        this.engine = engine;
        try (KeyValueIterator it = storage().iterate(BackupKeys.allSettings(), false, null)) {
            while (it.next()) {
                remember(it.value());
            }
        }
        if (storage().shared()) {
            // Another server turning recovery on or off: this one logs (or stops logging) from then on.
            storage().watch(BackupKeys.allSettings().from(), key -> {
                if (key == null) {
                    new java.util.ArrayList<>(byStorageId.keySet()).forEach(this::refresh);
                    synchronized (cacheLock) {
                        try (KeyValueIterator it = storage().iterate(BackupKeys.allSettings(), false, null)) {
                            while (it.next()) {
                                remember(it.value());
                            }
                        }
                    }
                } else {
                    refresh(java.nio.ByteBuffer.wrap(key, 2, 4).getInt());
                }
            });
        }
    }

    private void remember(byte[] value) {
        PitrSettings s = PitrSettings.fromBytes(value);
        byStorageId.put(s.table().storageId(), s);
        stored.put(s.table().storageId(), value);
    }

    /** Reloads one table's settings from storage; the stored form, or null when there are none. */
    private byte[] refresh(int storageId) {
        synchronized (cacheLock) {
            byte[] value = storage().get(BackupKeys.settings(storageId));
            if (value == null) {
                byStorageId.remove(storageId);
                stored.remove(storageId);
            } else {
                remember(value);
            }
            return value;
        }
    }

    /**
     * On a shared store, makes an item write to the table commit only while its recovery settings are
     * the ones this server knows, so no server writes an unlogged change after another turned logging on.
     */
    void expectCurrent(WriteBatch batch, int storageId) {
        if (storage().shared()) {
            batch.expect(BackupKeys.settings(storageId), stored.get(storageId));
        }
    }

    /** The settings of an existing table whose changes are logged, or null. */
    public PitrSettings logging(int storageId) {
        PitrSettings s = byStorageId.get(storageId);
        return s == null || s.deleted() ? null : s;
    }

    /** Whether the table's items are kept when it is deleted: it has recovery settings, deleted or not. */
    boolean retains(int storageId) {
        return byStorageId.containsKey(storageId);
    }

    /** The settings of {@code table}, or null when point-in-time recovery is off. */
    public PitrSettings of(TableDefinition table) {
        return logging(table.storageId());
    }

    /**
     * As {@link #of}, as stored now: on a shared store the settings are read again, since the watch may not
     * yet have brought another server's change (DescribeContinuousBackups through any server shows a change
     * as soon as UpdateContinuousBackups through another has returned, as one DynamoDB endpoint does).
     */
    public PitrSettings current(TableDefinition table) {
        if (storage().shared()) {
            refresh(table.storageId());
        }
        return of(table);
    }

    /** Every table (existing or deleted) that can be restored to a point in time. */
    public Collection<PitrSettings> all() {
        return byStorageId.values();
    }

    /** A log timestamp: the clock, never going backwards, so a key's log order is its change order. */
    long stamp() {
        long now = engine.clock().millis();
        return lastMillis.accumulateAndGet(now, Math::max);
    }

    long nextSeq() {
        return seqBase + seq.incrementAndGet();
    }

    /**
     * UpdateContinuousBackups: turns logging on or off, or changes the recovery period. Each write expects
     * the settings as read, so changes through several servers at once apply one after the other.
     */
    public PitrSettings update(TableDefinition table, boolean enabled, Integer days) {
        return Conflicts.retryTableChange(engine, table.tableName(), () -> updateOnce(table, enabled, days));
    }

    private synchronized PitrSettings updateOnce(TableDefinition table, boolean enabled, Integer days) {
        int id = table.storageId();
        boolean shared = storage().shared();
        byte[] read = shared ? refresh(id) : stored.get(id);
        PitrSettings current = logging(id);
        if (!enabled) {
            if (current != null) {
                KeyRange log = BackupKeys.log(id);
                synchronized (cacheLock) {
                    write(new WriteBatch().delete(BackupKeys.settings(id)).deleteRange(log.from(), log.to()), id, read);
                    byStorageId.remove(id);
                    stored.remove(id);
                }
            }
            return null;
        }
        if (current != null) {
            PitrSettings changed = current.withDays(days == null ? current.recoveryDays() : days);
            save(changed, read);
            return changed;
        }
        int recoveryDays = days == null ? PitrSettings.DEFAULT_DAYS : days;
        // Log from now on, then wait out writes that started before: once the barrier returns, every
        // change not in the log is older than the enabling time, which becomes the earliest restorable one.
        // Other servers sharing the store learn of it from the stored marker (their writes expect the
        // settings they know, so none commits unlogged after it); this server's from the cache.
        PitrSettings marker = new PitrSettings(table, recoveryDays, Long.MAX_VALUE, 0);
        if (shared) {
            save(marker, read);
            read = stored.get(id);
        } else {
            byStorageId.put(id, marker);
        }
        engine.locks().barrier();
        PitrSettings started = new PitrSettings(table, recoveryDays, stamp(), 0);
        save(started, read);
        return started;
    }

    private void save(PitrSettings s, byte[] read) {
        int id = s.table().storageId();
        byte[] value = s.toBytes();
        synchronized (cacheLock) {
            write(new WriteBatch().put(BackupKeys.settings(id), value), id, read);
            byStorageId.put(id, s);
            stored.put(id, value);
        }
    }

    /** Writes a change of one table's settings, expecting them as read when other servers share the store. */
    private void write(WriteBatch batch, int storageId, byte[] read) {
        if (storage().shared()) {
            batch.expect(BackupKeys.settings(storageId), read);
        }
        storage().write(batch);
    }

    /**
     * The table is being deleted: if it has point-in-time recovery, keep its items (they are the base of
     * its restores and its SYSTEM backup) and its log, and drop only its index entries. Returns the
     * deletion time, or 0 when the table had no point-in-time recovery.
     */
    long retainOnDelete(TableDefinition table, WriteBatch batch) {
        // Already marked deleted when an earlier attempt of this DeleteTable conflicted (shared store).
        PitrSettings s = byStorageId.get(table.storageId());
        if (s == null) {
            return 0;
        }
        PitrSettings deleted = s.withTable(table).deletedAt(stamp());
        expectCurrent(batch, table.storageId());
        batch.put(BackupKeys.settings(table.storageId()), deleted.toBytes());
        KeyRange all = ItemKeys.table(table.storageId());
        batch.deleteRange(ItemKeys.index(table.storageId(), (short) 1).from(), all.to());
        byStorageId.put(table.storageId(), deleted);
        // The stored form, which writes expect, changes once committed (the watch reads it on a shared store).
        if (!storage().shared()) {
            stored.put(table.storageId(), deleted.toBytes());
        }
        return deleted.deletedMillis();
    }

    /**
     * The latest restorable time now: a deleted table's deletion, else the millisecond before the latest
     * stamp. Stamps never decrease and are taken under the item lock, so every write stamped at or before
     * it was stamped already and holds its lock or has committed: {@link #snapshot} waits for those.
     */
    public long latestMillis(PitrSettings s) {
        return s.deleted() ? s.deletedMillis() : Math.max(s.enabledMillis(), stamp() - 1);
    }

    /** A snapshot holding every change stamped up to the latest restorable time read before this call. */
    public Snapshot snapshot() {
        engine.locks().barrier();
        return storage().snapshot();
    }

    public long earliestMillis(PitrSettings s) {
        return s.earliestMillis(engine.clock().millis());
    }

    /** The existing table with this ARN if it has point-in-time recovery, else the latest deleted one. */
    public Optional<PitrSettings> bySourceArn(String arn) {
        Optional<PitrSettings> live = engine.catalog().tables().stream().filter(t -> t.tableArn().equals(arn))
                .map(this::of).filter(s -> s != null).findFirst();
        if (live.isPresent()) {
            return live;
        }
        return byStorageId.values().stream().filter(s -> s.deleted() && s.table().tableArn().equals(arn))
                .max(Comparator.comparingLong(PitrSettings::deletedMillis));
    }

    /** The table of {@code s} at {@code millis}, read from {@code snapshot}. */
    public ItemImage imageAt(PitrSettings s, Snapshot snapshot, long millis) {
        int id = s.table().storageId();
        return PointInTimeImage.of(storage(), snapshot, id, millis);
    }

    /** The size of every change log now (keys and values), counted: O(records). */
    long logBytes() {
        long bytes = 0;
        for (PitrSettings s : byStorageId.values()) {
            try (KeyValueIterator it = storage().iterate(BackupKeys.log(s.table().storageId()), false, null)) {
                while (it.next()) {
                    bytes += it.key().length + it.value().length;
                }
            }
        }
        return bytes;
    }

    /** Deletes log records past every table's window and deleted tables whose window has passed. */
    public void trim() {
        long now = engine.clock().millis();
        for (PitrSettings s : byStorageId.values()) {
            int id = s.table().storageId();
            long horizon = now - s.windowMillis();
            if (s.deleted() && s.deletedMillis() < horizon) {
                KeyRange log = BackupKeys.log(id);
                storage().write(new WriteBatch().delete(BackupKeys.settings(id)).deleteRange(log.from(), log.to()));
                byStorageId.remove(id);
                continue;
            }
            KeyRange old = BackupKeys.logBefore(id, horizon);
            storage().write(new WriteBatch().deleteRange(old.from(), old.to()));
        }
    }

    private Storage storage() {
        return engine.storage();
    }
}
