package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.OnDemandThroughput;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/**
 * RestoreTableFromBackup and RestoreTableToPointInTime carry the source table's OnDemandThroughput (of the table and
 * of each global index) to the new table, and honour OnDemandThroughputOverride, ProvisionedThroughputOverride and
 * the maximums of GlobalSecondaryIndexOverride, as DynamoDB does.
 */
class RestoreThroughputIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    private static OnDemandThroughput max(Long read, Long write) {
        return OnDemandThroughput.builder().maxReadRequestUnits(read).maxWriteRequestUnits(write).build();
    }

    private static GlobalSecondaryIndex byG(OnDemandThroughput max) {
        return GlobalSecondaryIndex.builder().indexName("byG")
                .keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)).onDemandThroughput(max).build();
    }

    /** An on-demand table with maximums, and a global index with its own. */
    private void createCapped(String name) {
        client.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("g").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .onDemandThroughput(max(100L, 50L))
                .globalSecondaryIndexes(byG(max(20L, 10L))));
    }

    private String backup(String table) {
        return client.createBackup(b -> b.tableName(table).backupName(table + "-backup")).backupDetails().backupArn();
    }

    private void enablePitr(String table) {
        client.updateContinuousBackups(b -> b.tableName(table)
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)));
    }

    @Test
    void restoreFromBackupKeepsTheOnDemandMaximumsOfTheTableAndItsIndexes() {
        createCapped("Capped");
        String arn = backup("Capped");
        assertThat(client.describeBackup(b -> b.backupArn(arn)).backupDescription().sourceTableDetails()
                .onDemandThroughput()).isEqualTo(max(100L, 50L));
        TableDescription restored = client.restoreTableFromBackup(b -> b.backupArn(arn)
                .targetTableName("CappedCopy")).tableDescription();
        assertThat(restored.onDemandThroughput()).isEqualTo(max(100L, 50L));
        assertThat(restored.globalSecondaryIndexes().get(0).onDemandThroughput()).isEqualTo(max(20L, 10L));
        TableDescription described = client.describeTable(b -> b.tableName("CappedCopy")).table();
        assertThat(described.onDemandThroughput()).isEqualTo(max(100L, 50L));
        assertThat(described.globalSecondaryIndexes().get(0).onDemandThroughput()).isEqualTo(max(20L, 10L));
    }

    @Test
    void onDemandThroughputOverrideReplacesTheTableMaximumsAndAnIndexOverrideItsOwn() {
        createCapped("Overridable");
        String arn = backup("Overridable");
        TableDescription restored = client.restoreTableFromBackup(b -> b.backupArn(arn)
                .targetTableName("OverriddenMaximums").onDemandThroughputOverride(max(7L, null))
                .globalSecondaryIndexOverride(byG(max(null, 3L)))).tableDescription();
        assertThat(restored.onDemandThroughput()).isEqualTo(max(7L, null));
        assertThat(restored.globalSecondaryIndexes().get(0).onDemandThroughput()).isEqualTo(max(null, 3L));
    }

    @Test
    void restoreToPointInTimeKeepsTheMaximumsUnlessOverridden() {
        createCapped("Recoverable");
        enablePitr("Recoverable");
        TableDescription kept = client.restoreTableToPointInTime(b -> b.sourceTableName("Recoverable")
                .targetTableName("RecoveredKept").useLatestRestorableTime(true)).tableDescription();
        assertThat(kept.onDemandThroughput()).isEqualTo(max(100L, 50L));
        assertThat(kept.globalSecondaryIndexes().get(0).onDemandThroughput()).isEqualTo(max(20L, 10L));

        TableDescription overridden = client.restoreTableToPointInTime(b -> b.sourceTableName("Recoverable")
                .targetTableName("RecoveredOverridden").useLatestRestorableTime(true)
                .onDemandThroughputOverride(max(9L, 8L))).tableDescription();
        assertThat(overridden.onDemandThroughput()).isEqualTo(max(9L, 8L));
        assertThat(overridden.globalSecondaryIndexes().get(0).onDemandThroughput()).isEqualTo(max(20L, 10L));
    }

    @Test
    void restoreToPointInTimeAsProvisionedTakesTheThroughputOverrideAndNoMaximums() {
        createCapped("Switching");
        enablePitr("Switching");
        TableDescription t = client.restoreTableToPointInTime(b -> b.sourceTableName("Switching")
                .targetTableName("SwitchedToProvisioned").useLatestRestorableTime(true)
                .billingModeOverride(BillingMode.PROVISIONED)
                .provisionedThroughputOverride(p -> p.readCapacityUnits(6L).writeCapacityUnits(5L))
                .globalSecondaryIndexOverride(List.of())).tableDescription();
        assertThat(t.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(t.provisionedThroughput().readCapacityUnits()).isEqualTo(6L);
        assertThat(t.provisionedThroughput().writeCapacityUnits()).isEqualTo(5L);
        assertThat(t.onDemandThroughput()).isNull();
        assertThat(client.describeTable(b -> b.tableName("SwitchedToProvisioned")).table().onDemandThroughput())
                .isNull();
    }
}
