package io.dynarocks.replication.legacy;

import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.replication.ReplicaSet;
import io.dynarocks.replication.Replication;

/**
 * UpdateGlobalTable (version 2017.11.29): adds regions' tables to a global table's replication group
 * (each checked as CreateGlobalTable checks them) or removes regions from it. A removed region keeps
 * its table, no longer replicated, as DynamoDB did for this version.
 */
final class UpdateGlobalTableOperation implements Operation<UpdateGlobalTableRequest> {

    private final Replication replication;

    UpdateGlobalTableOperation(Replication replication) {
        this.replication = replication;
    }

    @Override
    public Response execute(UpdateGlobalTableRequest request) {
        String name = request.globalTableName();
        ReplicaSet set = LegacyGlobalTables.require(replication, name, GlobalTableErrors::globalTableNotFound);
        TableDefinition table = replication.engine().catalog().find(name)
                .orElseThrow(() -> GlobalTableErrors.tableNotFound(name, replication.config().region()));
        ReplicaSet planned = set;
        for (UpdateGlobalTableRequest.Change change : request.changes()) {
            String region = change.region();
            LegacyGlobalTables.requireKnown(replication, region);
            if (change.create() && planned.contains(region)) {
                throw GlobalTableErrors.replicaAlreadyExists(name, region);
            }
            if (!change.create() && !planned.contains(region)) {
                throw GlobalTableErrors.replicaNotFound(name, region);
            }
            planned = change.create() ? planned.with(region) : planned.without(region);
        }
        ReplicaTableCheck.Request expected = ReplicaTableCheck.Request.of(table);
        for (UpdateGlobalTableRequest.Change change : request.changes()) {
            if (change.create()) {
                ReplicaTableCheck.check(replication, change.region(), expected);
            }
        }
        for (UpdateGlobalTableRequest.Change change : request.changes()) {
            set = change.create() ? replication.join(set, change.region(), null)
                    : replication.leave(set, change.region());
        }
        return GlobalTableDescriptionJson.response(replication, set);
    }
}
