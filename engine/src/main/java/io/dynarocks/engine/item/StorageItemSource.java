package io.dynarocks.engine.item;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.Storage;
import java.util.Map;

/** Reads items straight from storage: every read is strongly consistent. */
public final class StorageItemSource implements ItemSource {

    private final Storage storage;

    public StorageItemSource(Storage storage) {
        this.storage = storage;
    }

    @Override
    public Map<String, AttributeValue> get(TableDefinition table, PrimaryKey key, boolean consistentRead) {
        byte[] stored = storage.get(ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, key));
        return stored == null ? null : ItemCodec.decode(stored);
    }
}
