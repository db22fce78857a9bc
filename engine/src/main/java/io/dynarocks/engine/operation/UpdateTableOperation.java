package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.catalog.TransientStatuses;
import io.dynarocks.engine.index.GlobalIndexUpdates;
import io.dynarocks.engine.index.VectorIndexUpdates;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.OnDemandThroughput;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.UpdateTableRequest;
import io.dynarocks.storage.WriteBatch;
import java.util.List;

/**
 * UpdateTable: billing mode, provisioned throughput, on-demand maximums, global secondary indexes, deletion
 * protection, server-side encryption.
 */
public final class UpdateTableOperation implements Operation<UpdateTableRequest> {

    private final Engine engine;
    private final GlobalIndexUpdates indexUpdates;

    public UpdateTableOperation(Engine engine) {
        this.engine = engine;
        this.indexUpdates = new GlobalIndexUpdates(engine);
    }

    @Override
    public Response execute(UpdateTableRequest request) {
        // Reads the stored definition and commits expecting it: a concurrent change through another server
        // makes this one run again on top of it (catalog().stage expects the entry as read).
        return Conflicts.retryTableChange(engine, request.tableName(), () -> {
            engine.catalog().transientStatuses().checkNotDeleting(request.tableName());
            TableDefinition t = engine.catalog().requireForTableOperation(request.tableName());
            TransientStatuses transients = engine.catalog().transientStatuses();
            transients.checkChangeable(t.tableName(), false);
            request.checkAgainst(t);
            String kmsMasterKeyArn = request.sseSpecification() == null ? t.kmsMasterKeyArn()
                    : SseSpecifications.update(engine, t, request.sseSpecification());
            String billing = request.billingMode() == null ? t.billingMode() : request.billingMode();
            ProvisionedThroughput throughput = request.provisionedThroughput() != null
                    ? request.provisionedThroughput()
                    : "PAY_PER_REQUEST".equals(billing) ? ProvisionedThroughput.ZERO : t.provisionedThroughput();
            if ("PROVISIONED".equals(billing) && throughput.readCapacityUnits() == 0) {
                throw io.dynarocks.protocol.DynamoException.validation("One or more parameter values were invalid: "
                        + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
            }
            long billingChange = billing.equals(t.billingMode()) ? t.lastBillingModeChangeMillis()
                    : engine.clock().millis();
            WriteBatch batch = new WriteBatch();
            TableDefinition withVectors = VectorIndexUpdates.apply(t.withBilling(billing, throughput, billingChange),
                    request.vectorIndexUpdates(), request.attributeDefinitions());
            GlobalIndexUpdates.Plan plan = indexUpdates.plan(withVectors
                    .withStream(StreamSpecifications.update(t.tableName(), t.stream(), request.streamSpecification(),
                            engine.clock().millis())),
                    request.globalSecondaryIndexUpdates(), request.attributeDefinitions(), batch);
            TableDefinition protectedOrNot = request.deletionProtectionEnabled() == null ? plan.table()
                    : plan.table().withDeletionProtection(request.deletionProtectionEnabled());
            TableDefinition updated = ThroughputChangeLog.record(engine, t,
                    onDemandMaximums(protectedOrNot.withKmsMasterKeyArn(kmsMasterKeyArn), request));
            AccountLimits.checkProvisioned(engine, t, updated);
            engine.catalog().stage(batch, t, updated);
            engine.hooks().forEach(h -> h.onTableChange(t, updated, batch));
            engine.storage().write(batch);
            engine.catalog().published(updated);
            indexUpdates.published(plan);
            transients.tableUpdated(updated);
            for (IndexDefinition index : updated.indexes()) {
                if (plan.created().contains(index.indexId())) {
                    transients.indexCreated(updated.tableName(), index.indexName());
                }
            }
            for (IndexDefinition index : t.indexes()) {
                if (plan.deleted().contains(index.indexId())) {
                    transients.indexDeleted(t.tableName(), index);
                }
            }
            return TableStatistics.describe(engine, "TableDescription", transients.described(updated),
                    transients.tableStatus(updated.tableName()));
        });
    }

    /** The request's OnDemandThroughput merged in; a table switched to PROVISIONED keeps no maximums. */
    private static TableDefinition onDemandMaximums(TableDefinition table, UpdateTableRequest request) {
        if (!table.payPerRequest()) {
            List<IndexDefinition> indexes = table.indexes().stream()
                    .map(i -> i.onDemandThroughput() == null ? i : i.withThroughput(i.provisionedThroughput(), null))
                    .toList();
            return table.withOnDemandThroughput(null).withIndexes(indexes, table.attributeDefinitions());
        }
        return table.withOnDemandThroughput(
                OnDemandThroughput.merge(table.onDemandThroughput(), request.onDemandThroughput()));
    }
}
