package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.TableResponse;
import io.dynarocks.storage.KeyValueIterator;

/** Builds a table description with its item count and size, counted from the stored items. */
final class TableStatistics {

    private TableStatistics() {}

    static TableResponse describe(Engine engine, String member, TableDefinition table, String status) {
        long count = 0;
        long bytes = 0;
        try (KeyValueIterator it = engine.storage().iterate(
                ItemKeys.index(table.storageId(), ItemKeys.BASE_TABLE), false, null)) {
            while (it.next()) {
                count++;
                bytes += ItemSize.of(ItemCodec.decode(it.value()));
            }
        }
        return new TableResponse(member, table, status, count, bytes);
    }
}
