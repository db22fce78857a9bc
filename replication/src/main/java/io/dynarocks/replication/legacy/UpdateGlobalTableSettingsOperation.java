package io.dynarocks.replication.legacy;

import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.replication.ReplicaSet;
import io.dynarocks.replication.Replication;
import java.util.HashMap;
import java.util.Map;

/**
 * UpdateGlobalTableSettings (version 2017.11.29): sets the billing mode and write capacity of every
 * replica and the read capacity of the named ones, each region changing its own table (this region
 * first, so a change its table refuses is refused before any peer applied it).
 */
final class UpdateGlobalTableSettingsOperation implements Operation<UpdateGlobalTableSettingsRequest> {

    private final Replication replication;
    private final OperationRegistry registry;

    UpdateGlobalTableSettingsOperation(Replication replication, OperationRegistry registry) {
        this.replication = replication;
        this.registry = registry;
    }

    @Override
    public Response execute(UpdateGlobalTableSettingsRequest request) {
        String name = request.globalTableName();
        ReplicaSet set = LegacyGlobalTables.require(replication, name, GlobalTableErrors::globalTableSettingsNotFound);
        String local = replication.config().region();
        TableDefinition table = replication.engine().catalog().find(name)
                .orElseThrow(() -> GlobalTableErrors.tableNotFound(name, local));
        Map<String, UpdateGlobalTableSettingsRequest.ReplicaUpdate> byRegion = new HashMap<>();
        for (UpdateGlobalTableSettingsRequest.ReplicaUpdate u : request.replicas()) {
            if (!set.contains(u.regionName())) {
                throw GlobalTableErrors.replicaNotFound(name, u.regionName());
            }
            if (u.tableClass() != null && !"STANDARD".equals(u.tableClass())) {
                throw GlobalTableErrors.invalid("ReplicaTableClass " + u.tableClass() + " is not supported for "
                        + "global tables version 2017.11.29");
            }
            checkIndexes(table, UpdateGlobalTableSettingsRequest.units(u.indexReads()));
            byRegion.put(u.regionName(), u);
        }
        checkIndexes(table, request.indexWriteUnits());
        boolean onDemand = "PAY_PER_REQUEST".equals(request.billingMode());
        if (onDemand && (request.writeUnits() != null || !request.indexWriteUnits().isEmpty()
                || request.replicas().stream().anyMatch(u -> u.readUnits() != null
                        || !UpdateGlobalTableSettingsRequest.units(u.indexReads()).isEmpty()))) {
            throw GlobalTableErrors.invalid("Provisioned capacity units cannot be specified when "
                    + "GlobalTableBillingMode is PAY_PER_REQUEST");
        }
        Map<String, byte[]> results = new HashMap<>();
        results.put(local, ReplicaSettingsJson.of(local,
                change(request, byRegion.get(local), name).apply(replication, registry)));
        for (String region : set.peersOf(local)) {
            results.put(region, replication.call(region, ReplicaSettingsChange.ACTION,
                    change(request, byRegion.get(region), name).toBytes()));
        }
        return DescribeGlobalTableSettingsOperation.response(replication, set, results::get);
    }

    private static ReplicaSettingsChange change(UpdateGlobalTableSettingsRequest request,
            UpdateGlobalTableSettingsRequest.ReplicaUpdate replica, String table) {
        return new ReplicaSettingsChange(table, request.billingMode(), request.writeUnits(),
                replica == null ? null : replica.readUnits(), request.indexWriteUnits(),
                replica == null ? Map.of() : UpdateGlobalTableSettingsRequest.units(replica.indexReads()));
    }

    private static void checkIndexes(TableDefinition table, Map<String, Long> units) {
        for (String index : units.keySet()) {
            if (table.index(index).filter(IndexDefinition::global).isEmpty()) {
                throw GlobalTableErrors.indexNotFound(index);
            }
        }
    }
}
