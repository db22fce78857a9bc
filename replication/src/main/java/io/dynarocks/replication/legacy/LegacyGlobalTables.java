package io.dynarocks.replication.legacy;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.replication.ReplicaSet;
import io.dynarocks.replication.Replication;
import java.util.function.Function;

/**
 * The global tables version 2017.11.29 API (CreateGlobalTable, UpdateGlobalTable, DescribeGlobalTable,
 * ListGlobalTables, DescribeGlobalTableSettings, UpdateGlobalTableSettings) over the same replica sets,
 * shipping and last-writer-wins as version 2019.11.21; only how a table becomes global differs.
 */
public final class LegacyGlobalTables {

    private LegacyGlobalTables() {}

    /** Registers the six actions, and the internal actions peers call for them. */
    public static void install(Replication replication) {
        replication.registerPublic("CreateGlobalTable", CreateGlobalTableRequest::decode,
                new CreateGlobalTableOperation(replication));
        replication.registerPublic("UpdateGlobalTable", UpdateGlobalTableRequest::decode,
                new UpdateGlobalTableOperation(replication));
        replication.registerPublic("DescribeGlobalTable", GlobalTableNameRequest::decode,
                new DescribeGlobalTableOperation(replication));
        replication.registerPublic("ListGlobalTables", ListGlobalTablesRequest::decode,
                new ListGlobalTablesOperation(replication));
        replication.registerPublic("DescribeGlobalTableSettings", GlobalTableNameRequest::decode,
                new DescribeGlobalTableSettingsOperation(replication));
        replication.registerPublic("UpdateGlobalTableSettings", UpdateGlobalTableSettingsRequest::decode,
                new UpdateGlobalTableSettingsOperation(replication, replication.registry()));
        replication.registerInternal(DescribeGlobalTableSettingsOperation.ACTION, GlobalTableNameRequest::decode,
                request -> ReplicaSettingsJson.response(replication.config().region(),
                        DescribeGlobalTableSettingsOperation.local(replication, request.globalTableName())));
        replication.registerInternal(ReplicaSettingsChange.ACTION, ReplicaSettingsChange::decode,
                change -> ReplicaSettingsJson.response(replication.config().region(),
                        change.apply(replication, replication.registry())));
        replication.registerInternal(ReplicaTableCheck.ACTION, ReplicaTableCheck.Request::decode, request -> {
            ReplicaTableCheck.check(replication, request);
            return g -> { };
        });
    }

    /** The version 2017.11.29 global table {@code name}, or the error {@code notFound} makes. */
    static ReplicaSet require(Replication replication, String name, Function<String, DynamoException> notFound) {
        ReplicaSet set = replication.set(name);
        if (set == null || !ReplicaSet.LEGACY.equals(set.version())) {
            throw notFound.apply(name);
        }
        return set;
    }

    /** Refuses a region that is neither this server's nor a configured peer's. */
    static void requireKnown(Replication replication, String region) {
        if (!replication.knows(region)) {
            throw GlobalTableErrors.invalid("Region " + region + " is not a peer region of "
                    + replication.config().region() + " (start the server with --peer " + region + "=URL)");
        }
    }
}
