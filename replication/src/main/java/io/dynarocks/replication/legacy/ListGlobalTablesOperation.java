package io.dynarocks.replication.legacy;

import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.replication.ReplicaSet;
import io.dynarocks.replication.Replication;
import java.util.Comparator;
import java.util.List;

/**
 * ListGlobalTables (version 2017.11.29): the global tables this region belongs to, by name, optionally
 * only those with a replica in {@code RegionName}; 100 per page unless {@code Limit} says otherwise.
 * Tables made global with UpdateTable (version 2019.11.21) are not listed, as in DynamoDB.
 */
final class ListGlobalTablesOperation implements Operation<ListGlobalTablesRequest> {

    private static final int DEFAULT_LIMIT = 100;

    private final Replication replication;

    ListGlobalTablesOperation(Replication replication) {
        this.replication = replication;
    }

    @Override
    public Response execute(ListGlobalTablesRequest request) {
        List<ReplicaSet> matching = replication.sets().stream()
                .filter(s -> ReplicaSet.LEGACY.equals(s.version()))
                .filter(s -> request.regionName() == null || s.contains(request.regionName()))
                .filter(s -> request.exclusiveStartGlobalTableName() == null
                        || s.tableName().compareTo(request.exclusiveStartGlobalTableName()) > 0)
                .sorted(Comparator.comparing(ReplicaSet::tableName))
                .toList();
        int limit = request.limit() == null ? DEFAULT_LIMIT : request.limit();
        List<ReplicaSet> page = matching.subList(0, Math.min(limit, matching.size()));
        boolean more = matching.size() > page.size();
        return g -> {
            g.writeArrayFieldStart("GlobalTables");
            for (ReplicaSet set : page) {
                g.writeStartObject();
                g.writeStringField("GlobalTableName", set.tableName());
                g.writeArrayFieldStart("ReplicationGroup");
                for (String region : set.regions()) {
                    g.writeStartObject();
                    g.writeStringField("RegionName", region);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            if (more) {
                g.writeStringField("LastEvaluatedGlobalTableName", page.get(page.size() - 1).tableName());
            }
        };
    }
}
