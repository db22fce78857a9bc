package io.dynarocks.engine.index;

import io.dynarocks.protocol.model.IndexStats;
import io.dynarocks.protocol.model.TableDefinition;

/**
 * Item count and size of a vector index, which lives outside the item key space: the module keeping
 * vector indexes supplies them to DescribeTable.
 */
@FunctionalInterface
public interface VectorIndexStatistics {

    VectorIndexStatistics NONE = (table, indexName) -> IndexStats.EMPTY;

    IndexStats of(TableDefinition table, String indexName);
}
