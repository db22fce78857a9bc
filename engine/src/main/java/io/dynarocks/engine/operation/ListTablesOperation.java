package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.protocol.operation.ListTablesRequest;
import io.dynarocks.protocol.operation.ListTablesResponse;
import io.dynarocks.protocol.operation.Response;
import java.util.List;

/** ListTables, paged by name. */
public final class ListTablesOperation implements Operation<ListTablesRequest> {

    private final Engine engine;

    public ListTablesOperation(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Response execute(ListTablesRequest request) {
        List<String> names = engine.catalog().names(request.exclusiveStartTableName(), request.limit());
        if (names.size() > request.limit()) {
            List<String> page = names.subList(0, request.limit());
            return new ListTablesResponse(page, page.get(page.size() - 1));
        }
        return new ListTablesResponse(names, null);
    }
}
