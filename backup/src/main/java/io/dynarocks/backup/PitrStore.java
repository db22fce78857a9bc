package io.dynarocks.backup;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemKeys;
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
    private final AtomicLong lastMillis = new AtomicLong();
    private final AtomicLong seq = new AtomicLong();

    public PitrStore(Engine engine) {
        this.engine = engine;
        try (KeyValueIterator it = storage().iterate(BackupKeys.allSettings(), false, null)) {
            while (it.next()) {
                PitrSettings s = PitrSettings.fromBytes(it.value());
                byStorageId.put(s.table().storageId(), s);
            }
        }
    }

    /** The settings of an existing table whose changes are logged, or null. */
    public PitrSettings logging(int storageId) {
        PitrSettings s = byStorageId.get(storageId);
        return s == null || s.deleted() ? null : s;
    }

    /** The settings of {@code table}, or null when point-in-time recovery is off. */
    public PitrSettings of(TableDefinition table) {
        return logging(table.storageId());
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
        return seq.incrementAndGet();
    }

    /** UpdateContinuousBackups: turns logging on or off, or changes the recovery period. */
    public PitrSettings update(TableDefinition table, boolean enabled, Integer days) {
        int id = table.storageId();
        synchronized (this) {
            PitrSettings current = logging(id);
            if (!enabled) {
                if (current != null) {
                    byStorageId.remove(id);
                    KeyRange log = BackupKeys.log(id);
                    storage().write(new WriteBatch().delete(BackupKeys.settings(id)).deleteRange(log.from(), log.to()));
                }
                return null;
            }
            if (current != null) {
                PitrSettings changed = current.withDays(days == null ? current.recoveryDays() : days);
                save(changed);
                return changed;
            }
            // Log from now on, then wait out writes that started before: once the barrier returns, every
            // change not in the log is older than the enabling time, which becomes the earliest restorable one.
            byStorageId.put(id, new PitrSettings(table, days == null ? PitrSettings.DEFAULT_DAYS : days,
                    Long.MAX_VALUE, 0));
            engine.locks().barrier();
            PitrSettings started = new PitrSettings(table, days == null ? PitrSettings.DEFAULT_DAYS : days,
                    stamp(), 0);
            save(started);
            return started;
        }
    }

    private void save(PitrSettings s) {
        storage().write(new WriteBatch().put(BackupKeys.settings(s.table().storageId()), s.toBytes()));
        byStorageId.put(s.table().storageId(), s);
    }

    /**
     * The table is being deleted: if it has point-in-time recovery, keep its items (they are the base of
     * its restores and its SYSTEM backup) and its log, and drop only its index entries. Returns the
     * deletion time, or 0 when the table had no point-in-time recovery.
     */
    long retainOnDelete(TableDefinition table, WriteBatch batch) {
        PitrSettings s = logging(table.storageId());
        if (s == null) {
            return 0;
        }
        PitrSettings deleted = s.withTable(table).deletedAt(stamp());
        batch.put(BackupKeys.settings(table.storageId()), deleted.toBytes());
        KeyRange all = ItemKeys.table(table.storageId());
        batch.deleteRange(ItemKeys.index(table.storageId(), (short) 1).from(), all.to());
        byStorageId.put(table.storageId(), deleted);
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
