package io.dynarocks.replication;

import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.StreamSettings;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ReplicaUpdate;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.TableResponse;
import io.dynarocks.protocol.operation.UpdateTableRequest;
import java.nio.charset.StandardCharsets;

/**
 * UpdateTable with {@code ReplicaUpdates} (global tables version 2019.11.21): creates, updates or
 * deletes replicas in peer regions; every other change goes to the engine's UpdateTable as before.
 * Adding a replica enables a NEW_AND_OLD_IMAGES stream on the table when it has none, creates the
 * table in the new region, tells every replica region the new set, and starts the backfill.
 */
final class GlobalTableUpdate {

    private static final String UPDATE_TABLE = OperationRegistry.DYNAMODB + ".UpdateTable";
    private static final String DESCRIBE_TABLE = OperationRegistry.DYNAMODB + ".DescribeTable";

    private final Replication replication;
    private final Operation<UpdateTableRequest> engineUpdate;
    private final OperationRegistry registry;

    GlobalTableUpdate(Replication replication, OperationRegistry registry) {
        this.replication = replication;
        this.registry = registry;
        this.engineUpdate = registry.operation("UpdateTable");
    }

    Response execute(UpdateTableRequest request) {
        if (request.replicaUpdates() == null) {
            return engineUpdate.execute(request);
        }
        if (request.changesTable()) {
            throw DynamoException.validation("One or more parameter values were invalid: ReplicaUpdates cannot be "
                    + "combined with other table updates in one UpdateTable request");
        }
        TableDefinition table = replication.engine().catalog().requireForTableOperation(request.tableName());
        ReplicaSet set = replication.set(table.tableName());
        if (set != null && !ReplicaSet.CURRENT.equals(set.version())) {
            throw DynamoException.validation("One or more parameter values were invalid: Table " + table.tableName()
                    + " is a replica of a global table of version " + set.version()
                    + "; use UpdateGlobalTable to change its replicas");
        }
        String local = replication.config().region();
        for (ReplicaUpdate u : request.replicaUpdates()) {
            check(u, set, local);
        }
        for (ReplicaUpdate u : request.replicaUpdates()) {
            table = replication.engine().catalog().require(table.tableName());
            set = replication.set(table.tableName());
            switch (u.action()) {
                case CREATE -> set = create(table, set, u.regionName());
                case DELETE -> set = delete(set, u.regionName());
                case UPDATE -> { }
            }
        }
        TableResponse described = (TableResponse) registry.handle(DESCRIBE_TABLE,
                ("{\"TableName\":\"" + table.tableName() + "\"}").getBytes(StandardCharsets.UTF_8));
        return new TableResponse("TableDescription", described.table(), described.status(), described.tableStats(),
                described.indexStats(), described.extra());
    }

    private void check(ReplicaUpdate u, ReplicaSet set, String local) {
        String region = u.regionName();
        if (!replication.knows(region)) {
            throw DynamoException.validation("One or more parameter values were invalid: Region " + region
                    + " is not a peer region of " + local + " (start the server with --peer " + region + "=URL)");
        }
        if (region.equals(local)) {
            throw DynamoException.validation("Cannot add, delete, or update the local region through ReplicaUpdates. "
                    + "Use CreateTable, DeleteTable, or UpdateTable as required.");
        }
        boolean member = set != null && set.contains(region);
        switch (u.action()) {
            case CREATE -> {
                if (member) {
                    throw DynamoException.validation(
                            "One or more parameter values were invalid: A replica already exists in region " + region);
                }
            }
            case UPDATE, DELETE -> {
                if (!member) {
                    throw DynamoException.validation("One or more parameter values were invalid: Cannot "
                            + (u.action() == ReplicaUpdate.Action.DELETE ? "delete" : "update")
                            + " the replica in region " + region + " because it does not exist");
                }
            }
        }
    }

    private ReplicaSet create(TableDefinition table, ReplicaSet set, String region) {
        table = withNewAndOldImages(table);
        ReplicaSet current = set != null ? set : new ReplicaSet(table.tableName(), ReplicaSet.CURRENT,
                java.util.List.of(replication.config().region()), replication.engine().clock().millis());
        return replication.join(current, region, ReplicaTableRequest.of(table));
    }

    private ReplicaSet delete(ReplicaSet set, String region) {
        return replication.leave(set, region);
    }

    /** Global tables replicate from a NEW_AND_OLD_IMAGES stream; one is enabled when the table has none. */
    private TableDefinition withNewAndOldImages(TableDefinition table) {
        StreamSettings stream = table.stream();
        if (stream != null && stream.enabled()) {
            if (!"NEW_AND_OLD_IMAGES".equals(stream.viewType())) {
                throw DynamoException.validation("One or more parameter values were invalid: Table " + table.tableName()
                        + " must have DynamoDB Streams enabled with StreamViewType NEW_AND_OLD_IMAGES to add a replica");
            }
            return table;
        }
        registry.handle(UPDATE_TABLE, ("{\"TableName\":\"" + table.tableName() + "\",\"StreamSpecification\":"
                + "{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}").getBytes(StandardCharsets.UTF_8));
        return replication.engine().catalog().require(table.tableName());
    }
}
