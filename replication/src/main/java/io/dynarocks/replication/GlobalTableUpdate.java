package io.dynarocks.replication;

import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.catalog.TransientStatuses;
import io.dynarocks.engine.operation.Operation;
import io.dynarocks.engine.operation.SseSpecifications;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.StreamSettings;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ReplicaUpdate;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.SseSpecification;
import io.dynarocks.protocol.operation.TableResponse;
import io.dynarocks.protocol.operation.UpdateTableRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * UpdateTable with {@code ReplicaUpdates} (global tables version 2019.11.21): creates, updates or
 * deletes replicas in peer regions; every other change goes to the engine's UpdateTable as before, and
 * those every replica shares (indexes, billing mode, capacity) to the other replicas too ({@link TableSettingsUpdate}).
 * Adding a replica enables a NEW_AND_OLD_IMAGES stream on the table when it has none, creates the
 * table in the new region, tells every replica region the new set, and starts the backfill. A
 * replica's own settings (Create's or Update's overrides) travel in the set; its region applies them
 * to its table. With a replica transient-status delay, the region the change was asked of describes an added
 * replica as CREATING, and a removed one as DELETING, for that long.
 */
final class GlobalTableUpdate {

    private static final String UPDATE_TABLE = OperationRegistry.DYNAMODB + ".UpdateTable";
    private static final String DESCRIBE_TABLE = OperationRegistry.DYNAMODB + ".DescribeTable";

    private final Replication replication;
    private final Operation<UpdateTableRequest> engineUpdate;
    private final OperationRegistry registry;
    private final TableSettingsUpdate tableSettings;

    GlobalTableUpdate(Replication replication, OperationRegistry registry) {
        this.replication = replication;
        this.registry = registry;
        this.engineUpdate = registry.operation("UpdateTable");
        this.tableSettings = new TableSettingsUpdate(replication, engineUpdate);
    }

    /** Keeps the synchronized settings (indexes, billing mode, capacity) the same on every replica. */
    TableSettingsUpdate tableSettings() {
        return tableSettings;
    }

    Response execute(UpdateTableRequest request) {
        if (request.replicaUpdates() == null) {
            refuseCustomerManagedKeyForReplicas(request);
            refuseDisablingTheStream(request);
            Response response = tableSettings.execute(request);
            if (request.sseSpecification() != null) {
                shareOwnKey(request.tableName());
            }
            return response;
        }
        if (request.changesTable()) {
            throw DynamoException.validation("One or more parameter values were invalid: Requests that modify "
                    + "replicas or witnesses must not also modify other fields");
        }
        // Identical updates (two Creates of one region) count once, as DynamoDB de-duplicates them.
        List<ReplicaUpdate> updates = request.replicaUpdates().stream().distinct().toList();
        if (updates.stream().filter(u -> u.action() != ReplicaUpdate.Action.UPDATE).count() > 1) {
            throw DynamoException.validation(
                    "Update table operation with more than one create or delete replica actions not allowed");
        }
        TableDefinition table = replication.engine().catalog().requireForTableOperation(request.tableName());
        ReplicaSet set = replication.set(table.tableName());
        if (set != null && !ReplicaSet.CURRENT.equals(set.version())) {
            throw DynamoException.validation("One or more parameter values were invalid: Table " + table.tableName()
                    + " is a replica of a global table of version " + set.version()
                    + "; use UpdateGlobalTable to change its replicas");
        }
        String local = replication.config().region();
        List<String> missing = new ArrayList<>();
        for (ReplicaUpdate u : updates) {
            check(u, table, set, local, missing);
        }
        if (!missing.isEmpty()) {
            throw DynamoException.validation("Update global table operation failed because one or more replicas were "
                    + "not part of the global table. Please retry the request without these replicas: " + missing + ".");
        }
        for (ReplicaUpdate u : updates) {
            table = replication.engine().catalog().require(table.tableName());
            set = replication.set(table.tableName());
            TransientStatuses transients = replication.engine().catalog().transientStatuses();
            switch (u.action()) {
                case CREATE -> {
                    create(table, set, u);
                    transients.replicaCreated(table.tableName(), u.regionName());
                }
                case UPDATE -> replication.form(set.withSettings(u.regionName(), settings(table, set, u)));
                case DELETE -> {
                    replication.leave(set, u.regionName());
                    transients.replicaDeleted(table.tableName(), u.regionName());
                }
            }
        }
        TableResponse described = (TableResponse) registry.handle(DESCRIBE_TABLE,
                ("{\"TableName\":\"" + table.tableName() + "\"}").getBytes(StandardCharsets.UTF_8));
        return new TableResponse("TableDescription", described.table(), described.status(), described.tableStats(),
                described.indexStats(), described.extra());
    }

    private void check(ReplicaUpdate u, TableDefinition table, ReplicaSet set, String local, List<String> missing) {
        String region = u.regionName();
        if (u.action() == ReplicaUpdate.Action.UPDATE && u.noActions()) {
            throw DynamoException.validation("There are no actions specified in the Replica Update Action of the "
                    + "request.");
        }
        if (region.equals(local)) {
            throw DynamoException.validation("Cannot add or delete the local region through ReplicaUpdates. "
                    + "Use CreateTable, DeleteTable, or UpdateTable as required.");
        }
        if (!replication.knows(region)) {
            // DynamoDB lists the regions that support global tables: here, this server's and its peers'.
            throw DynamoException.validation("Region " + region + " is not supported. The latest version of global "
                    + "tables are only supported in the following regions: " + replication.regions() + ".");
        }
        boolean member = set != null && set.contains(region);
        if (u.action() == ReplicaUpdate.Action.CREATE && member) {
            throw DynamoException.validation("Failed to create a the new replica of table with name: \u2018"
                    + table.tableName() + "\u2019 because one or more replicas already existed as tables.");
        }
        if (u.action() != ReplicaUpdate.Action.CREATE && !member) {
            missing.add(region);
            return;
        }
        if (u.action() == ReplicaUpdate.Action.DELETE) {
            return;
        }
        // A table under a customer managed key needs one in every new replica's region (keys do not cross
        // regions); a table under an AWS owned or AWS managed key has that kind in every region, and naming a
        // key for one of its replicas is refused with the same message.
        // A replica's key changes in its own region (UpdateTable's SSESpecification there), never through an
        // Update: DynamoDB refuses every Update naming a key, with the message of a missing one.
        boolean customerManaged = customerManaged(table);
        if (u.action() == ReplicaUpdate.Action.UPDATE && u.kmsMasterKeyId() != null
                || (customerManaged ? u.action() == ReplicaUpdate.Action.CREATE && u.kmsMasterKeyId() == null
                        : u.kmsMasterKeyId() != null)) {
            throw DynamoException.validation("One or more parameter values were invalid: KMSMasterKeyId must be "
                    + "specified for each replica.");
        }
        boolean maxRead = u.maxReadRequestUnits() != null
                || u.indexes().stream().anyMatch(i -> i.maxReadRequestUnits() != null);
        boolean read = u.readCapacityUnits() != null
                || u.indexes().stream().anyMatch(i -> i.readCapacityUnits() != null);
        if (maxRead && !table.payPerRequest()) {
            throw DynamoException.validation("MaxReadRequestUnits for OnDemandThroughput cannot be specified when the "
                    + "table BillingMode is PROVISIONED");
        }
        // A Create on an on-demand table accepts read capacity overrides (they have nothing to apply to); an
        // Update refuses them.
        if (read && table.payPerRequest() && u.action() == ReplicaUpdate.Action.UPDATE) {
            throw DynamoException.validation("Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                    + "BillingMode is PAY_PER_REQUEST");
        }
    }

    /**
     * The replica's settings after {@code u}. Index overrides naming an index the table does not have
     * are dropped, as DynamoDB silently accepts them.
     */
    private ReplicaSettings settings(TableDefinition table, ReplicaSet set, ReplicaUpdate u) {
        ReplicaSettings before = set == null ? ReplicaSettings.NONE : set.settingsOf(u.regionName());
        ReplicaSettings merged = before.merge(u, replication.engine().clock().millis());
        var indexes = new java.util.TreeMap<>(merged.indexes());
        indexes.keySet().removeIf(name -> table.index(name).filter(i -> i.global()).isEmpty());
        // Read capacities a Create gave a replica of an on-demand table have nothing to apply to: not kept.
        Long read = table.payPerRequest() ? null : merged.readCapacityUnits();
        if (table.payPerRequest()) {
            indexes.replaceAll((name, i) -> new ReplicaSettings.IndexSettings(null, i.maxReadRequestUnits()));
            indexes.values().removeIf(i -> i.maxReadRequestUnits() == null);
        }
        // A key id or alias names a key of the replica's region, in this table's account.
        String kms = u.kmsMasterKeyId() == null ? merged.kmsMasterKeyArn()
                : SseSpecifications.keyArn(u.regionName(), replication.engine().accountId(), u.kmsMasterKeyId());
        return new ReplicaSettings(read, merged.maxReadRequestUnits(), merged.tableClass(),
                merged.tableClassUpdatedMillis(), indexes, kms);
    }

    private void create(TableDefinition table, ReplicaSet set, ReplicaUpdate u) {
        table = withStream(table);
        String local = replication.config().region();
        ReplicaSet current = set != null ? set : new ReplicaSet(table.tableName(), ReplicaSet.CURRENT,
                List.of(local), replication.engine().clock().millis());
        if (set == null && customerManaged(table)) {
            // The other regions report this region's key among their Replicas.
            current = current.withSettings(local, ReplicaSettings.NONE.withKmsMasterKeyArn(table.kmsMasterKeyArn()));
        }
        ReplicaSettings settings = settings(table, current, u);
        if (!settings.equals(ReplicaSettings.NONE)) {
            current = current.withSettings(u.regionName(), settings);
        }
        replication.join(current, u.regionName(), ReplicaTableRequest.of(table, settings.kmsMasterKeyArn()));
        replication.timeToLive().share(table, u.regionName());
    }

    /**
     * A global table moves to a customer managed key only with a key for every replica (keys do not cross
     * regions), which an SSESpecification alone does not name: DynamoDB refuses it as it refuses a new replica
     * without its key. A table whose other replicas each have a key of their own may change its own key (as
     * each region does when the replica set gives it one).
     */
    private void refuseCustomerManagedKeyForReplicas(UpdateTableRequest request) {
        SseSpecification sse = request.sseSpecification();
        if (sse == null || !sse.kms() || sse.kmsMasterKeyId() == null) {
            return;
        }
        ReplicaSet set = replication.set(request.tableName());
        String local = replication.config().region();
        if (set == null || !SseSpecifications.customerManaged(
                SseSpecifications.keyArn(local, replication.engine().accountId(), sse.kmsMasterKeyId()))) {
            return;
        }
        if (set.peersOf(local).stream().anyMatch(region -> set.settingsOf(region).kmsMasterKeyArn() == null)) {
            throw DynamoException.validation("One or more parameter values were invalid: KMSMasterKeyId must be "
                    + "specified for each replica.");
        }
    }

    /**
     * After this region's table moved to another customer managed key, tells the other regions, which report
     * it as this replica's KMSMasterKeyId.
     */
    private void shareOwnKey(String tableName) {
        ReplicaSet set = replication.set(tableName);
        TableDefinition table = replication.engine().catalog().find(tableName).orElse(null);
        if (set == null || table == null || !ReplicaSet.CURRENT.equals(set.version()) || !customerManaged(table)) {
            return;
        }
        String local = replication.config().region();
        ReplicaSettings own = set.settingsOf(local);
        if (!table.kmsMasterKeyArn().equals(own.kmsMasterKeyArn())) {
            replication.form(set.withSettings(local, own.withKmsMasterKeyArn(table.kmsMasterKeyArn())));
        }
    }

    private static boolean customerManaged(TableDefinition table) {
        return table.kmsMasterKeyArn() != null && SseSpecifications.customerManaged(table.kmsMasterKeyArn());
    }

    /** Replication ships the changes its table's stream names: the stream must stay while the table has replicas. */
    private void refuseDisablingTheStream(UpdateTableRequest request) {
        if (request.streamSpecification() != null && Boolean.FALSE.equals(request.streamSpecification().streamEnabled())
                && replication.set(request.tableName()) != null) {
            throw DynamoException.validation("One or more parameter values were invalid: Disabling Stream is not "
                    + "allowed for a Global Table replica.");
        }
    }

    /**
     * Global tables replicate from the table's stream: a table without an enabled one gets a NEW_AND_OLD_IMAGES
     * stream, as in DynamoDB; one of another view type stays as it is (the shipper reads only the keys a record
     * names, then the item's current state).
     */
    private TableDefinition withStream(TableDefinition table) {
        StreamSettings stream = table.stream();
        if (stream != null && stream.enabled()) {
            return table;
        }
        registry.handle(UPDATE_TABLE, ("{\"TableName\":\"" + table.tableName() + "\",\"StreamSpecification\":"
                + "{\"StreamEnabled\":true,\"StreamViewType\":\"NEW_AND_OLD_IMAGES\"}}").getBytes(StandardCharsets.UTF_8));
        return replication.engine().catalog().require(table.tableName());
    }
}
