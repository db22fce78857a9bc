package io.dynarocks.backup;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.WriteBatch;
import java.util.Arrays;

/**
 * The change log behind point-in-time recovery: for a table with recovery enabled, every change adds
 * the item's previous image to the change's own batch (independent of the table's stream), so the log
 * misses no committed change and holds none that did not commit. A deleted table's items are kept.
 */
final class ChangeLog implements ChangeHook {

    private final PitrStore pitr;
    private final BackupStore backups;

    ChangeLog(PitrStore pitr, BackupStore backups) {
        this.pitr = pitr;
        this.backups = backups;
    }

    @Override
    public void onChange(Change change, WriteBatch batch) {
        int id = change.table().storageId();
        pitr.expectCurrent(batch, id);
        if (pitr.logging(id) == null) {
            return;
        }
        byte[] key = ItemKeys.key(id, ItemKeys.BASE_TABLE, change.key());
        byte[] relative = Arrays.copyOfRange(key, 5, key.length);
        byte[] old = change.oldItem() == null ? null : ItemCodec.encode(change.oldItem());
        batch.put(BackupKeys.log(id, pitr.stamp(), pitr.nextSeq()), PointInTimeImage.logValue(relative, old));
    }

    @Override
    public boolean retainsItems(TableDefinition table) {
        return pitr.retains(table.storageId());
    }

    @Override
    public void onTableChange(TableDefinition before, TableDefinition after, WriteBatch batch) {
        if (after == null) {
            long deletedMillis = pitr.retainOnDelete(before, batch);
            if (deletedMillis > 0) {
                backups.stageSystemBackup(before, deletedMillis, batch);
            }
        }
    }
}
