package io.dynarocks.replication.legacy;

import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.replication.ReplicaSet;
import io.dynarocks.replication.Replication;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * DescribeGlobalTableSettings (version 2017.11.29): each replica's billing mode, capacity and index
 * capacity, as its own region reports them (a region that does not answer is REGION_DISABLED).
 */
final class DescribeGlobalTableSettingsOperation implements Operation<GlobalTableNameRequest> {

    static final String ACTION = "DescribeReplicaSettings";

    private final Replication replication;

    DescribeGlobalTableSettingsOperation(Replication replication) {
        this.replication = replication;
    }

    @Override
    public Response execute(GlobalTableNameRequest request) {
        ReplicaSet set = LegacyGlobalTables.require(replication, request.globalTableName(),
                GlobalTableErrors::globalTableSettingsNotFound);
        return response(replication, set, region -> describe(replication, region, set.tableName()));
    }

    /** This region's replica settings of {@code table}, for a peer's DescribeGlobalTableSettings. */
    static io.dynarocks.protocol.model.TableDefinition local(Replication replication, String table) {
        String region = replication.config().region();
        return replication.engine().catalog().find(table)
                .orElseThrow(() -> GlobalTableErrors.tableNotFound(table, region));
    }

    static byte[] request(String table) {
        return JsonWriter.object(g -> g.writeStringField("GlobalTableName", table));
    }

    private static byte[] describe(Replication replication, String region, String table) {
        if (region.equals(replication.config().region())) {
            return ReplicaSettingsJson.of(region, local(replication, table));
        }
        try {
            return replication.call(region, ACTION, request(table));
        } catch (DynamoException e) {
            if (e.status() < 500) {
                throw e;
            }
            return ReplicaSettingsJson.unreachable(region);
        }
    }

    /** {@code GlobalTableName} and {@code ReplicaSettings}, each replica's settings as {@code settings} gives them. */
    static Response response(Replication replication, ReplicaSet set,
            java.util.function.Function<String, byte[]> settings) {
        List<String> replicas = new ArrayList<>();
        for (String region : set.regions()) {
            replicas.add(new String(settings.apply(region), StandardCharsets.UTF_8));
        }
        return g -> {
            g.writeStringField("GlobalTableName", set.tableName());
            g.writeArrayFieldStart("ReplicaSettings");
            for (String replica : replicas) {
                g.writeRawValue(replica);
            }
            g.writeEndArray();
        };
    }
}
