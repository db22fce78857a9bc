package io.dynarocks.backup;

import io.dynarocks.protocol.model.OnDemandThroughput;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.operation.SecondaryIndexSpec;
import java.util.List;

/**
 * What a restore request asks of the new table (RestoreTableFromBackup, RestoreTableToPointInTime):
 * its name and the overrides; a null override keeps the source table's setting.
 *
 * @param globalIndexes      the GSIs to create (null: all of the source's); may name a subset, as DynamoDB allows
 * @param localIndexes       the LSIs to create (null: all of the source's)
 * @param onDemandThroughput the table's on-demand maximums (OnDemandThroughputOverride; null: the source's)
 */
public record RestoreTarget(String tableName, String billingMode, ProvisionedThroughput provisionedThroughput,
        List<SecondaryIndexSpec> globalIndexes, List<SecondaryIndexSpec> localIndexes,
        OnDemandThroughput onDemandThroughput) {}
