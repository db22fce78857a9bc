package io.dynarocks.backup;

import io.dynarocks.backup.s3.ExportWriter;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.Snapshot;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a table's items at a time (full export) or its changes in a window (incremental export), read
 * from a snapshot the caller took (with {@link PitrStore#snapshot}) when the export was requested.
 */
public final class TableExport {

    private final Engine engine;
    private final PitrStore pitr;

    public TableExport(Engine engine, PitrStore pitr) {
        this.engine = engine;
        this.pitr = pitr;
    }

    /** Every item of the table as it was at {@code millis}. */
    public void full(PitrSettings s, Snapshot snapshot, long millis, ExportWriter out) {
        pitr.imageAt(s, snapshot, millis).forEach((key, value) -> out.item(ItemCodec.decode(value)));
    }

    /** Every item changed after {@code fromMillis} up to {@code toMillis}: its keys, new image and (if asked) old. */
    public void incremental(PitrSettings s, Snapshot snapshot, TableDefinition table, long fromMillis, long toMillis,
            boolean oldImages, ExportWriter out) {
        KeySchema schema = table.keySchema();
        {
            PointInTimeImage.changes(engine.storage(), snapshot, s.table().storageId(), fromMillis, toMillis,
                    (millis, key, before, after) -> {
                        Map<String, AttributeValue> oldItem = before == null ? null : ItemCodec.decode(before);
                        Map<String, AttributeValue> newItem = after == null ? null : ItemCodec.decode(after);
                        Map<String, AttributeValue> any = newItem != null ? newItem : oldItem;
                        if (any == null) {
                            return; // created and deleted inside the window: nothing to report
                        }
                        Map<String, AttributeValue> keys = new LinkedHashMap<>();
                        keys.put(schema.hashName(), any.get(schema.hashName()));
                        if (schema.hasRange()) {
                            keys.put(schema.rangeName(), any.get(schema.rangeName()));
                        }
                        out.change(millis * 1000, keys, newItem, oldImages ? oldItem : null);
                    });
        }
    }
}
