package io.dynarocks.streams;

import io.dynarocks.engine.ChangeHook;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.StreamSettings;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.WriteBatch;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Writes a stream record for every item change of a table with an enabled stream, into the change's
 * own write batch; opens and closes streams as tables change.
 */
public final class StreamRecorder implements ChangeHook {

    private final StreamStore store;

    public StreamRecorder(StreamStore store) {
        this.store = store;
    }

    @Override
    public void onChange(Change change, WriteBatch batch) {
        TableDefinition table = change.table();
        if (table.stream() == null || !table.stream().enabled() || Objects.equals(change.oldItem(), change.newItem())) {
            return;
        }
        StreamState state = store.state(store.newDescriptor(table));
        StreamDescriptor d = state.descriptor();
        if (!d.enabled()) {
            return;
        }
        String view = d.viewType();
        Map<String, AttributeValue> keys = change.key().asMap(table.keySchema());
        Map<String, AttributeValue> newImage =
                view.equals("NEW_IMAGE") || view.equals("NEW_AND_OLD_IMAGES") ? change.newItem() : null;
        Map<String, AttributeValue> oldImage =
                view.equals("OLD_IMAGE") || view.equals("NEW_AND_OLD_IMAGES") ? change.oldItem() : null;
        String name = change.oldItem() == null ? "INSERT" : change.newItem() == null ? "REMOVE" : "MODIFY";
        long size = ItemSize.of(keys) + (newImage == null ? 0 : ItemSize.of(newImage))
                + (oldImage == null ? 0 : ItemSize.of(oldImage));
        int range = (int) ((Integer.toUnsignedLong(ItemKeys.partitionHash(change.key().hash())) * d.ranges()) >>> 32);
        long now = store.nowMillis();
        boolean shared = store.storage().shared();
        long seq;
        long created;
        if (shared) {
            created = now;
            seq = state.allocateShared(store.storage(), batch, range, now);
        } else {
            StreamState.Allocation at = state.next(range, now);
            created = at.createdMillis();
            seq = at.seq();
        }
        StreamRecord record = new StreamRecord(UUID.randomUUID().toString().replace("-", ""), name, created, keys,
                newImage, oldImage, seq, size, view, change.serviceDelete());
        batch.put(StreamKeys.record(d, range, seq), StreamRecordJson.toBytes(record));
        if (!shared) {
            state.prune(store.storage());
        }
    }

    @Override
    public void onTableChange(TableDefinition before, TableDefinition after, WriteBatch batch) {
        String closing = enabledLabel(before);
        String opening = enabledLabel(after);
        if (closing != null && !closing.equals(opening)) {
            StreamState state = store.state(store.newDescriptor(before));
            StreamDescriptor ended = state.descriptor().endedAt(store.nowMillis());
            batch.put(StreamKeys.descriptor(ended.tableStorageId(), ended.startMillis()), ended.toBytes());
            state.descriptor(ended);
        }
        if (opening != null && !opening.equals(closing)) {
            StreamDescriptor d = store.newDescriptor(after);
            batch.put(StreamKeys.descriptor(d.tableStorageId(), d.startMillis()), d.toBytes());
        }
    }

    private static String enabledLabel(TableDefinition t) {
        StreamSettings s = t == null ? null : t.stream();
        return s != null && s.enabled() ? s.label() : null;
    }
}
