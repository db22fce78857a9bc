package io.dynarocks.engine.operation;

import io.dynarocks.engine.index.IndexEntries;
import io.dynarocks.engine.item.Capacity;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Write capacity of a single-item write: DynamoDB charges the larger of the old and new item sizes on the
 * table, plus, per secondary index, one write to put a new entry, one to delete an old one (two when the
 * index key changed), one when only projected attributes changed, and nothing when the index is untouched.
 */
final class WriteCapacity {

    private WriteCapacity() {}

    static ConsumedCapacity of(String returnConsumedCapacity, TableDefinition table, ReadModifyWrite.Result r) {
        if (!ConsumedCapacity.requested(returnConsumedCapacity)) {
            return null;
        }
        long oldSize = r.oldItem() == null ? 0 : ItemSize.of(r.oldItem());
        long newSize = r.newItem() == null ? 0 : ItemSize.of(r.newItem());
        double tableUnits = Capacity.write(Math.max(oldSize, newSize));
        Map<String, Double> gsis = new LinkedHashMap<>();
        Map<String, Double> lsis = new LinkedHashMap<>();
        for (IndexDefinition index : table.indexes()) {
            double units = indexUnits(table, index, r.oldItem(), r.newItem());
            if (units > 0) {
                (index.global() ? gsis : lsis).put(index.indexName(), units);
            }
        }
        return ConsumedCapacity.split(table.tableName(), true, "INDEXES".equals(returnConsumedCapacity), tableUnits,
                gsis, lsis);
    }

    static double indexUnits(TableDefinition table, IndexDefinition index, Map<String, AttributeValue> oldItem,
            Map<String, AttributeValue> newItem) {
        byte[] oldKey = oldItem == null ? null : IndexEntries.key(table, index, oldItem);
        byte[] newKey = newItem == null ? null : IndexEntries.key(table, index, newItem);
        Map<String, AttributeValue> oldEntry = oldKey == null ? null : IndexEntries.project(table, index, oldItem);
        Map<String, AttributeValue> newEntry = newKey == null ? null : IndexEntries.project(table, index, newItem);
        double units = 0;
        if (oldKey != null && newKey != null && Arrays.equals(oldKey, newKey)) {
            return oldEntry.equals(newEntry) ? 0
                    : Capacity.write(Math.max(ItemSize.of(oldEntry), ItemSize.of(newEntry)));
        }
        if (oldEntry != null) {
            units += Capacity.write(ItemSize.of(oldEntry));
        }
        if (newEntry != null) {
            units += Capacity.write(ItemSize.of(newEntry));
        }
        return units;
    }
}
