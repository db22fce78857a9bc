package io.dynarocks.replication.legacy;

import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.replication.Replication;

/** DescribeGlobalTable (version 2017.11.29): a global table's replication group and status. */
final class DescribeGlobalTableOperation implements Operation<GlobalTableNameRequest> {

    private final Replication replication;

    DescribeGlobalTableOperation(Replication replication) {
        this.replication = replication;
    }

    @Override
    public Response execute(GlobalTableNameRequest request) {
        return GlobalTableDescriptionJson.response(replication, LegacyGlobalTables.require(replication,
                request.globalTableName(), GlobalTableErrors::globalTableNotFound));
    }
}
