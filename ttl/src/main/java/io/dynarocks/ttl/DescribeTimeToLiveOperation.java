package io.dynarocks.ttl;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.DescribeTimeToLiveResponse;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.TableNameRequest;

/**
 * DescribeTimeToLive: ENABLED with the attribute name, or DISABLED without one; ENABLING or DISABLING (with
 * the name) while a change is in progress for the configured transient status delay.
 */
public final class DescribeTimeToLiveOperation implements Operation<TableNameRequest> {

    private final Engine engine;

    public DescribeTimeToLiveOperation(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Response execute(TableNameRequest request) {
        TableDefinition table = engine.catalog().requireForTableOperation(request.tableName());
        var switching = engine.catalog().transientStatuses().timeToLiveStatus(table.tableName());
        if (switching.isPresent() && table.ttl() != null) {
            return new DescribeTimeToLiveResponse(switching.get(), table.ttl().attributeName());
        }
        if (table.ttl() == null || !table.ttl().enabled()) {
            return new DescribeTimeToLiveResponse("DISABLED", null);
        }
        return new DescribeTimeToLiveResponse("ENABLED", table.ttl().attributeName());
    }
}
