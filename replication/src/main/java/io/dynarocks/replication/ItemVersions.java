package io.dynarocks.replication;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.time.Clock;
import java.time.Instant;

/**
 * Stamps every local write of a global table with its {@link ItemVersion}, in the write's own batch.
 * A local write always supersedes the version it read (its timestamp is at least one past it), so a
 * region never loses its own later write to a replicated one whose clock ran ahead.
 */
final class ItemVersions implements ChangeHook {

    private final Storage storage;
    private final ReplicaSets sets;
    private final String region;
    private final Clock clock;

    ItemVersions(Storage storage, ReplicaSets sets, String region, Clock clock) {
        this.storage = storage;
        this.sets = sets;
        this.region = region;
        this.clock = clock;
    }

    @Override
    public void onChange(Change change, WriteBatch batch) {
        TableDefinition table = change.table();
        if (storage.shared()) {
            // Another server of the region may have just made the table global (or no longer global):
            // the write commits only on the set it was stamped (or not stamped) for.
            sets.expectCurrent(batch, table.tableName());
        }
        if (sets.of(table.tableName()) == null) {
            return;
        }
        byte[] itemKey = ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, change.key());
        ItemVersion previous = read(storage, itemKey);
        Instant now = clock.instant();
        long micros = Math.max(now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000, previous.timestamp() + 1);
        boolean deleted = change.newItem() == null;
        batch.put(ReplicationKeys.version(itemKey), new ItemVersion(micros, region, deleted,
                deleted && change.serviceDelete()).toBytes(change.key().asMap(table.keySchema())));
    }

    @Override
    public void onTableChange(TableDefinition before, TableDefinition after, WriteBatch batch) {
        if (after == null && before != null) {
            var versions = ReplicationKeys.versions(before.storageId());
            batch.deleteRange(versions.from(), versions.to());
        }
    }

    /** The version of the item under {@code itemKey}; {@link ItemVersion#NONE} when it has none. */
    static ItemVersion read(Storage storage, byte[] itemKey) {
        byte[] stored = storage.get(ReplicationKeys.version(itemKey));
        return stored == null ? ItemVersion.NONE : ItemVersion.fromBytes(stored);
    }
}
