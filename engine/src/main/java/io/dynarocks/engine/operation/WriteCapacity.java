package io.dynarocks.engine.operation;

import io.dynarocks.engine.item.Capacity;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ConsumedCapacity;

/** Write capacity of a single-item write: DynamoDB charges the larger of the old and new item sizes. */
final class WriteCapacity {

    private WriteCapacity() {}

    static ConsumedCapacity of(String returnConsumedCapacity, TableDefinition table, ReadModifyWrite.Result r) {
        if (!ConsumedCapacity.requested(returnConsumedCapacity)) {
            return null;
        }
        long oldSize = r.oldItem() == null ? 0 : ItemSize.of(r.oldItem());
        long newSize = r.newItem() == null ? 0 : ItemSize.of(r.newItem());
        return ConsumedCapacity.write(table.tableName(), Capacity.write(Math.max(oldSize, newSize)),
                "INDEXES".equals(returnConsumedCapacity));
    }
}
