package io.dynarocks.ttl;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.operation.Conflicts;
import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.TtlSettings;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.UpdateTimeToLiveRequest;
import io.dynarocks.protocol.operation.UpdateTimeToLiveResponse;
import io.dynarocks.storage.WriteBatch;

/**
 * UpdateTimeToLive: enables or disables TTL on a table. The change takes effect at once (DynamoDB
 * passes through ENABLING/DISABLING for up to an hour, reported here for the configured transient status
 * delay); enabling indexes the table's existing items.
 */
public final class UpdateTimeToLiveOperation implements Operation<UpdateTimeToLiveRequest> {

    private final Engine engine;
    private final ExpiryBackfill backfill;

    public UpdateTimeToLiveOperation(Engine engine) {
        this.engine = engine;
        this.backfill = new ExpiryBackfill(engine);
    }

    @Override
    public Response execute(UpdateTimeToLiveRequest request) {
        // Commits expecting the definition as read; another server's change first makes it run again.
        TableDefinition updated = Conflicts.retryTableChange(engine, request.tableName(), () -> {
            TableDefinition table = engine.catalog().requireForTableOperation(request.tableName());
            check(table.ttl(), request);
            TableDefinition changed = table.withTtl(new TtlSettings(request.attributeName(), request.enabled()));
            WriteBatch batch = new WriteBatch();
            engine.catalog().stage(batch, table, changed);
            engine.storage().write(batch);
            engine.catalog().published(changed);
            engine.catalog().transientStatuses().timeToLiveChanged(changed.tableName(), request.enabled());
            return changed;
        });
        if (request.enabled()) {
            // After publishing, so every write from now on is indexed by the hook as well.
            backfill.index(updated);
        }
        return new UpdateTimeToLiveResponse(request.attributeName(), request.enabled());
    }

    // DynamoDB's order: another attribute while active, then enabling twice, then disabling twice.
    private static void check(TtlSettings current, UpdateTimeToLiveRequest request) {
        boolean active = current != null && current.enabled();
        if (active && !current.attributeName().equals(request.attributeName())) {
            throw DynamoException.validation("TimeToLive is active on a different AttributeName: current "
                    + "AttributeName is " + current.attributeName());
        }
        if (active && request.enabled()) {
            throw DynamoException.validation("TimeToLive is already enabled");
        }
        if (!active && !request.enabled()) {
            throw DynamoException.validation("TimeToLive is already disabled");
        }
    }
}
