package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.catalog.TransientStatuses;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.TableNameRequest;

/** DescribeTable, with the table's and its indexes' transient statuses; a deleted table while it is DELETING. */
public final class DescribeTableOperation implements Operation<TableNameRequest> {

    private final Engine engine;

    public DescribeTableOperation(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Response execute(TableNameRequest request) {
        TransientStatuses transients = engine.catalog().transientStatuses();
        var deleting = transients.deleting(request.tableName());
        if (deleting.isPresent() && !engine.catalog().exists(request.tableName())) {
            return TableStatistics.describe(engine, "Table", deleting.get(), "DELETING");
        }
        TableDefinition table = engine.catalog().requireForTableOperation(request.tableName());
        return TableStatistics.describe(engine, "Table", transients.described(table),
                transients.tableStatus(table.tableName()));
    }
}
