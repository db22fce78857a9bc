package io.dynarocks.engine.item;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.TableDefinition;
import java.util.Map;

/**
 * Where point reads (GetItem, BatchGetItem) get whole items from: storage itself, or a cache in
 * front of it (the DAX-style endpoint). Returns null when the item does not exist.
 */
@FunctionalInterface
public interface ItemSource {

    Map<String, AttributeValue> get(TableDefinition table, PrimaryKey key, boolean consistentRead);
}
