package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.TableNameRequest;

/** DescribeTable. */
public final class DescribeTableOperation implements Operation<TableNameRequest> {

    private final Engine engine;

    public DescribeTableOperation(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Response execute(TableNameRequest request) {
        return TableStatistics.describe(engine, "Table",
                engine.catalog().requireForTableOperation(request.tableName()), "ACTIVE");
    }
}
