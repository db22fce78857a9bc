package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.tags.TableTags;
import io.dynarocks.engine.index.SecondaryIndexes;
import io.dynarocks.engine.index.VectorIndexUpdates;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.CreateTableRequest;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.TableResponse;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** CreateTable: tables are ACTIVE as soon as the call returns, or CREATING for the configured delay. */
public final class CreateTableOperation implements Operation<CreateTableRequest> {

    private final Engine engine;

    public CreateTableOperation(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Response execute(CreateTableRequest request) {
        KeySchema schema = CreateTableRequest.keySchemaOf(request.keySchema(), request.attributeDefinitions());
        synchronized (engine.catalog()) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return create(request, schema);
                } catch (WriteConflictException e) {
                    // Another server created a table meanwhile (its id, or this very name): look again.
                    engine.catalog().refresh(request.tableName());
                    Conflicts.backOff(attempt, e);
                }
            }
        }
    }

    private Response create(CreateTableRequest request, KeySchema schema) {
        if (engine.catalog().exists(request.tableName())
                || engine.catalog().transientStatuses().deleting(request.tableName()).isPresent()) {
            throw DynamoException.resourceInUse("Table already exists: " + request.tableName());
        }
        AccountLimits.checkNewTable(engine, request);
        long now = engine.clock().millis();
        WriteBatch batch = new WriteBatch();
        int id = engine.catalog().allocateId(batch);
        String billing = request.effectiveBillingMode();
        ProvisionedThroughput throughput = request.provisionedThroughput() == null
                ? ProvisionedThroughput.ZERO : request.provisionedThroughput();
        TableDefinition table = new TableDefinition(request.tableName(), id, UUID.randomUUID().toString(),
                engine.tableArn(request.tableName()), request.attributeDefinitions(), schema, now, billing,
                throughput, now, SecondaryIndexes.define(request, id, batch),
                StreamSpecifications.forNewTable(request.streamSpecification(), now), null)
                .withVectorIndexes(VectorIndexUpdates.forNewTable(request.vectorIndexes()))
                .withDeletionProtection(request.deletionProtectionEnabled())
                .withKmsMasterKeyArn(SseSpecifications.forNewTable(engine, request.sseSpecification()))
                .withOnDemandThroughput(request.onDemandThroughput());
        AccountLimits.checkProvisioned(engine, null, table);
        engine.catalog().stage(batch, null, table);
        if (request.tags() != null) {
            Map<String, String> tags = new LinkedHashMap<>();
            request.tags().forEach(t -> tags.put(t.key(), t.value()));
            TableTags.stage(batch, table, tags);
        }
        engine.hooks().forEach(h -> h.onTableChange(null, table, batch));
        engine.storage().write(batch);
        engine.catalog().published(table);
        engine.catalog().transientStatuses().tableCreated(table);
        return TableStatistics.describe(engine, "TableDescription", table,
                engine.catalog().transientStatuses().tableStatus(table.tableName()));
    }
}
