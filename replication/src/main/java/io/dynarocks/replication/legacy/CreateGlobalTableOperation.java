package io.dynarocks.replication.legacy;

import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.replication.ReplicaSet;
import io.dynarocks.replication.Replication;
import java.util.List;

/**
 * CreateGlobalTable (version 2017.11.29): joins the existing, empty, identically keyed tables of the
 * same name in the given regions into one global table. Every table is checked in its own region
 * before any region is told, so a refused request changes nothing.
 */
final class CreateGlobalTableOperation implements Operation<CreateGlobalTableRequest> {

    private final Replication replication;

    CreateGlobalTableOperation(Replication replication) {
        this.replication = replication;
    }

    @Override
    public Response execute(CreateGlobalTableRequest request) {
        String name = request.globalTableName();
        String local = replication.config().region();
        for (String region : request.regions()) {
            LegacyGlobalTables.requireKnown(replication, region);
        }
        if (!request.regions().contains(local)) {
            throw GlobalTableErrors.invalid("ReplicationGroup must include the region of the endpoint the request "
                    + "is sent to (" + local + ")");
        }
        if (replication.set(name) != null) {
            throw GlobalTableErrors.globalTableAlreadyExists(name);
        }
        TableDefinition table = replication.engine().catalog().find(name)
                .orElseThrow(() -> GlobalTableErrors.tableNotFound(name, local));
        ReplicaTableCheck.Request expected = ReplicaTableCheck.Request.of(table);
        for (String region : request.regions()) {
            ReplicaTableCheck.check(replication, region, expected);
        }
        ReplicaSet set = new ReplicaSet(name, ReplicaSet.LEGACY, List.of(local), replication.engine().clock().millis());
        replication.form(set);
        for (String region : request.regions()) {
            if (!region.equals(local)) {
                set = replication.join(set, region, null);
            }
        }
        return GlobalTableDescriptionJson.response(replication, set);
    }
}
