package io.dynarocks.engine.operation;

import io.dynarocks.engine.item.Capacity;
import io.dynarocks.engine.read.PageReader;
import io.dynarocks.engine.read.ReadTarget;
import io.dynarocks.protocol.operation.ConsumedCapacity;
import java.util.Map;

/**
 * Read capacity of a Query or Scan page: the sizes of all items read (before filtering) are summed and
 * rounded up once to 4 KB units, halved for eventually consistent reads; an index read is charged to the
 * index, and a local index's fetches of table items to the table.
 */
final class ReadCapacity {

    private ReadCapacity() {}

    static ConsumedCapacity of(String returnConsumedCapacity, ReadTarget target, PageReader.Page page,
            boolean consistent) {
        if (!ConsumedCapacity.requested(returnConsumedCapacity)) {
            return null;
        }
        boolean indexes = "INDEXES".equals(returnConsumedCapacity);
        String table = target.table().tableName();
        if (target.index() == null) {
            return ConsumedCapacity.read(table, Capacity.read(page.indexBytes(), consistent), indexes);
        }
        double tableUnits = page.tableBytes() > 0 ? Capacity.read(page.tableBytes(), consistent) : 0;
        Map<String, Double> index = Map.of(target.index().indexName(), Capacity.read(page.indexBytes(), consistent));
        return ConsumedCapacity.split(table, false, indexes, tableUnits,
                target.isGlobalIndex() ? index : Map.of(), target.isGlobalIndex() ? Map.of() : index);
    }
}
