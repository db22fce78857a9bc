package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.tags.TableTags;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.DeletedTableResponse;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.TableNameRequest;
import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.WriteBatch;

/** DeleteTable: one delete-range over the table's key space plus its catalog entry, O(1) in the table size. */
public final class DeleteTableOperation implements Operation<TableNameRequest> {

    private final Engine engine;

    public DeleteTableOperation(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Response execute(TableNameRequest request) {
        return Conflicts.retryTableChange(engine, request.tableName(), () -> {
            engine.catalog().transientStatuses().checkNotDeleting(request.tableName());
            TableDefinition table = engine.catalog().requireForTableOperation(request.tableName());
            engine.catalog().transientStatuses().checkChangeable(table.tableName(), true);
            if (table.deletionProtectionEnabled()) {
                throw DynamoException.validation("Resource cannot be deleted as it is currently protected against "
                        + "deletion. Disable deletion protection first.");
            }
            KeyRange items = ItemKeys.table(table.storageId());
            WriteBatch batch = new WriteBatch();
            if (engine.hooks().stream().noneMatch(h -> h.retainsItems(table))) {
                batch.deleteRange(items.from(), items.to());
            }
            engine.catalog().stageRemoval(batch, table);
            TableTags.stageRemoval(batch, table);
            engine.hooks().forEach(h -> h.onTableChange(table, null, batch));
            engine.storage().write(batch);
            engine.catalog().removed(table.tableName());
            engine.catalog().transientStatuses().tableDeleted(table);
            return new DeletedTableResponse(table.describedAt(engine.clock().millis()));
        });
    }
}
