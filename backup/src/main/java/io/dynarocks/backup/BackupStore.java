package io.dynarocks.backup;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.operation.Conflicts;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.Bytes;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The backups that exist, persisted under {@link BackupKeys#records} and cached in memory. A backup
 * copies the table's items from one storage snapshot, so writers are never blocked and the copy is
 * exactly the table at the moment of the request.
 */
public final class BackupStore {

    /** Items per write batch while copying. */
    static final int CHUNK = 1_000;
    /** How long DynamoDB keeps the SYSTEM backup of a deleted table. */
    static final long SYSTEM_RETENTION_MILLIS = 35L * 24 * 3600 * 1000;

    private final Engine engine;
    private final ConcurrentSkipListMap<String, BackupRecord> backups = new ConcurrentSkipListMap<>();
    /** Tables being backed up and backups being restored or deleted: a second such call is BackupInUse. */
    private final Set<String> busy = ConcurrentHashMap.newKeySet();

    public BackupStore(Engine engine) {
        this.engine = engine;
        try (KeyValueIterator it = storage().iterate(BackupKeys.records(), false, null)) {
            while (it.next()) {
                BackupRecord r = BackupRecord.fromBytes(it.value());
                backups.put(r.arn(), r);
            }
        }
    }

    /** CreateBackup: copies the table's items as of now into a new backup. */
    public BackupRecord create(String tableName, String backupName) {
        if (!busy.add("table:" + tableName)) {
            throw BackupErrors.backupInUse();
        }
        try {
            TableDefinition table;
            int dataId;
            long now;
            Snapshot snapshot;
            // The definition and the snapshot are taken together: table changes happen under the catalog lock
            // (and, on a store other servers share, the definition is read again if the id allocation conflicts).
            record Start(TableDefinition table, int dataId, long now, Snapshot snapshot) {}
            Start start = Conflicts.retryTableChange(engine, tableName, () -> {
                TableDefinition t = engine.catalog().find(tableName)
                        .orElseThrow(() -> BackupErrors.tableNotFound(tableName));
                WriteBatch batch = new WriteBatch();
                int id = engine.catalog().allocateId(batch);
                storage().write(batch);
                return new Start(t, id, engine.clock().millis(), storage().snapshot());
            });
            table = start.table();
            dataId = start.dataId();
            now = start.now();
            snapshot = start.snapshot();
            try (snapshot) {
                byte[] target = BackupKeys.data(dataId);
                long[] counts = copy(KeySpaces.baseItems(storage(), snapshot, tablePrefix(table)), target);
                BackupRecord r = new BackupRecord(newArn(table.tableArn(), "backup", now), backupName,
                        BackupRecord.USER, BackupRecord.AVAILABLE, now, 0, counts[1], counts[0], dataId, table);
                save(r);
                return r;
            }
        } finally {
            busy.remove("table:" + tableName);
        }
    }

    /** Copies {@code items} under {@code targetPrefix}; returns the item count and their total size. */
    private long[] copy(ItemImage items, byte[] targetPrefix) {
        long[] counts = new long[2];
        WriteBatch[] batch = {new WriteBatch()};
        try {
            items.forEach((key, value) -> {
                batch[0].put(Bytes.concat(targetPrefix, key), value);
                counts[1] += ItemSize.of(ItemCodec.decode(value));
                if (++counts[0] % CHUNK == 0) {
                    storage().write(batch[0]);
                    batch[0] = new WriteBatch();
                }
            });
            storage().write(batch[0]);
        } catch (RuntimeException e) {
            KeySpaces.drop(storage(), targetPrefix);
            throw e;
        }
        return counts;
    }

    /** Records a backup whose items are already in place (a SYSTEM backup of a deleted table). */
    public void save(BackupRecord r) {
        storage().write(new WriteBatch().put(BackupKeys.record(r.arn()), r.toBytes()));
        backups.put(r.arn(), r);
    }

    /** The backup, or BackupNotFoundException. */
    public BackupRecord require(String arn) {
        BackupRecord r = arn == null ? null : backups.get(arn);
        if (r == null && arn != null && storage().shared()) {
            r = reload(arn); // another server may have made it
        }
        if (r == null) {
            throw BackupErrors.backupNotFound(arn);
        }
        return r;
    }

    /** DeleteBackup: removes the record and the items; the returned record says DELETED. */
    public BackupRecord delete(String arn) {
        BackupRecord r = require(arn);
        if (!busy.add("backup:" + arn)) {
            throw BackupErrors.backupInUse();
        }
        try {
            WriteBatch batch = new WriteBatch().delete(BackupKeys.record(arn));
            if (storage().shared()) {
                // Another server may be deleting it too: only one of the deletes may report it deleted.
                byte[] stored = storage().get(BackupKeys.record(arn));
                if (stored == null) {
                    backups.remove(arn);
                    throw BackupErrors.backupNotFound(arn);
                }
                batch.expect(BackupKeys.record(arn), stored);
            }
            var items = io.dynarocks.storage.KeyRange.prefix(r.dataPrefix());
            batch.deleteRange(items.from(), items.to());
            try {
                storage().write(batch);
            } catch (WriteConflictException e) {
                backups.remove(arn); // records never change: it was deleted meanwhile
                throw BackupErrors.backupNotFound(arn);
            }
            backups.remove(arn);
            return r.withStatus(BackupRecord.DELETED);
        } finally {
            busy.remove("backup:" + arn);
        }
    }

    /** Runs {@code restore} on the backup's items while the backup cannot be deleted. */
    public <T> T restoring(BackupRecord r, java.util.function.Function<ItemImage, T> restore) {
        if (!busy.add("backup:" + r.arn())) {
            throw BackupErrors.backupInUse();
        }
        try (Snapshot snapshot = storage().snapshot()) {
            return restore.apply(KeySpaces.baseItems(storage(), snapshot, r.dataPrefix()));
        } finally {
            busy.remove("backup:" + r.arn());
        }
    }

    /** Every backup, by ARN (read again from storage when other servers share it and make backups too). */
    public Collection<BackupRecord> all() {
        if (storage().shared()) {
            ConcurrentSkipListMap<String, BackupRecord> now = new ConcurrentSkipListMap<>();
            try (KeyValueIterator it = storage().iterate(BackupKeys.records(), false, null)) {
                while (it.next()) {
                    BackupRecord r = BackupRecord.fromBytes(it.value());
                    now.put(r.arn(), r);
                }
            }
            backups.keySet().retainAll(now.keySet());
            backups.putAll(now);
            return Collections.unmodifiableCollection(now.values());
        }
        return Collections.unmodifiableCollection(backups.values());
    }

    /** Reads one backup's record from storage into the cache; null when it does not exist. */
    private BackupRecord reload(String arn) {
        byte[] stored = storage().get(BackupKeys.record(arn));
        if (stored == null) {
            backups.remove(arn);
            return null;
        }
        BackupRecord r = BackupRecord.fromBytes(stored);
        backups.put(arn, r);
        return r;
    }

    /** An ARN under the table's, DynamoDB style: {@code table/<name>/<kind>/<millis>-<8 hex>}. */
    public static String newArn(String tableArn, String kind, long millis) {
        return tableArn + "/" + kind + "/"
                + String.format("%014d-%08x", millis, ThreadLocalRandom.current().nextInt());
    }

    static byte[] tablePrefix(TableDefinition table) {
        return tablePrefix(table.storageId());
    }

    /** {@code T | storageId}: what precedes the relative key of every item of a table. */
    static byte[] tablePrefix(int storageId) {
        return java.util.Arrays.copyOf(io.dynarocks.engine.item.ItemKeys.table(storageId).from(), 5);
    }

    /**
     * Adds to a DeleteTable's batch the SYSTEM backup DynamoDB makes of a deleted table with point-in-time
     * recovery: it names the deleted table's retained key space and expires after 35 days. Its size is
     * not counted (that would make DeleteTable O(items)).
     */
    void stageSystemBackup(TableDefinition table, long deletedMillis, WriteBatch batch) {
        BackupRecord r = new BackupRecord(newArn(table.tableArn(), "backup", deletedMillis),
                table.tableName() + "$DeletedTableBackup", BackupRecord.SYSTEM, BackupRecord.AVAILABLE, deletedMillis,
                deletedMillis + SYSTEM_RETENTION_MILLIS, 0, 0, table.storageId(), table);
        batch.put(BackupKeys.record(r.arn()), r.toBytes());
        if (!storage().shared()) {
            backups.put(r.arn(), r);
        } // else read from storage once committed (a DeleteTable that conflicts stages another one)
    }

    /** Deletes SYSTEM backups past their expiry (with the deleted table's items they keep). */
    void expire() {
        long now = engine.clock().millis();
        for (BackupRecord r : all()) {
            if (r.expiresMillis() > 0 && r.expiresMillis() <= now) {
                delete(r.arn());
            }
        }
    }

    private Storage storage() {
        return engine.storage();
    }
}
