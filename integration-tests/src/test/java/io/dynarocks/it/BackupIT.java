package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BackupDescription;
import software.amazon.awssdk.services.dynamodb.model.BackupDetails;
import software.amazon.awssdk.services.dynamodb.model.BackupStatus;
import software.amazon.awssdk.services.dynamodb.model.BackupSummary;
import software.amazon.awssdk.services.dynamodb.model.BackupType;
import software.amazon.awssdk.services.dynamodb.model.BackupNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListBackupsResponse;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableAlreadyExistsException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;

/** On-demand backups: CreateBackup, DescribeBackup, ListBackups, DeleteBackup and RestoreTableFromBackup. */
class BackupIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @TempDir
    Path dir;

    @Test
    void restoredTableHoldsExactlyTheBackedUpItemsAndItsIndexAnswersQueries() {
        createWithIndex(client, "Orders");
        for (int i = 0; i < 50; i++) {
            put(client, "Orders", "o" + i, "c" + (i % 5), i);
        }
        Map<String, Map<String, AttributeValue>> before = scan(client, "Orders");

        BackupDetails backup = client.createBackup(b -> b.tableName("Orders").backupName("orders-1")).backupDetails();
        assertThat(backup.backupStatus()).isEqualTo(BackupStatus.AVAILABLE);
        assertThat(backup.backupType()).isEqualTo(BackupType.USER);
        assertThat(backup.backupName()).isEqualTo("orders-1");
        assertThat(backup.backupArn()).startsWith("arn:aws:dynamodb:us-east-1:000000000000:table/Orders/backup/");
        assertThat(backup.backupSizeBytes()).isPositive();
        assertThat(backup.backupCreationDateTime()).isNotNull();

        for (int i = 50; i < 60; i++) {
            put(client, "Orders", "o" + i, "c0", i);
        }
        client.deleteItem(b -> b.tableName("Orders").key(Map.of("id", AttributeValue.fromS("o1"))));
        put(client, "Orders", "o2", "c9", 1000);

        TableDescription restored = client.restoreTableFromBackup(b -> b.backupArn(backup.backupArn())
                .targetTableName("OrdersRestored")).tableDescription();
        assertThat(restored.tableName()).isEqualTo("OrdersRestored");
        assertThat(restored.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(restored.restoreSummary().sourceBackupArn()).isEqualTo(backup.backupArn());
        assertThat(restored.restoreSummary().sourceTableArn()).endsWith(":table/Orders");
        assertThat(restored.restoreSummary().restoreInProgress()).isFalse();

        assertThat(scan(client, "OrdersRestored")).isEqualTo(before);
        assertThat(client.describeTable(b -> b.tableName("OrdersRestored")).table().itemCount()).isEqualTo(50);
        var byCustomer = client.query(b -> b.tableName("OrdersRestored").indexName("byCustomer")
                .keyConditionExpression("customer = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("c0")))).items();
        assertThat(byCustomer).extracting(i -> i.get("id").s())
                .containsExactlyInAnyOrder("o0", "o5", "o10", "o15", "o20", "o25", "o30", "o35", "o40", "o45");
        var c9 = client.query(b -> b.tableName("OrdersRestored").indexName("byCustomer")
                .keyConditionExpression("customer = :c")
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("c9")))).items();
        assertThat(c9).isEmpty();

        // The restored table is a table of its own: writing to it leaves the source alone.
        put(client, "OrdersRestored", "new", "c1", 1);
        assertThat(client.getItem(b -> b.tableName("Orders").key(Map.of("id", AttributeValue.fromS("new"))))
                .hasItem()).isFalse();
    }

    @Test
    void describeBackupReportsTheSourceTableAndItsFeatures() {
        createWithIndex(client, "Described");
        client.updateTimeToLive(b -> b.tableName("Described")
                .timeToLiveSpecification(t -> t.attributeName("expires").enabled(true)));
        put(client, "Described", "a", "c", 1);
        put(client, "Described", "b", "c", 2);
        String arn = client.createBackup(b -> b.tableName("Described").backupName("described1")).backupDetails().backupArn();

        BackupDescription d = client.describeBackup(b -> b.backupArn(arn)).backupDescription();
        assertThat(d.backupDetails().backupArn()).isEqualTo(arn);
        assertThat(d.sourceTableDetails().tableName()).isEqualTo("Described");
        assertThat(d.sourceTableDetails().itemCount()).isEqualTo(2);
        assertThat(d.sourceTableDetails().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
        assertThat(d.sourceTableDetails().keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("id");
        assertThat(d.sourceTableFeatureDetails().globalSecondaryIndexes()).extracting(i -> i.indexName())
                .containsExactly("byCustomer");
        assertThat(d.sourceTableFeatureDetails().timeToLiveDescription().attributeName()).isEqualTo("expires");
    }

    @Test
    void backupErrorsUseDynamoDbsTypes() {
        assertThatThrownBy(() -> client.createBackup(b -> b.tableName("Missing").backupName("anything")))
                .isInstanceOf(TableNotFoundException.class).hasMessageStartingWith("Table not found: Missing");
        String unknown = "arn:aws:dynamodb:us-east-1:000000000000:table/Missing/backup/01700000000000-0000abcd";
        assertThatThrownBy(() -> client.describeBackup(b -> b.backupArn(unknown)))
                .isInstanceOf(BackupNotFoundException.class).hasMessageStartingWith("Backup not found: " + unknown);
        assertThatThrownBy(() -> client.restoreTableFromBackup(b -> b.backupArn(unknown).targetTableName("Whatever")))
                .isInstanceOf(BackupNotFoundException.class);

        Tables.hashTable(client, "Taken");
        String arn = client.createBackup(b -> b.tableName("Taken").backupName("taken1")).backupDetails().backupArn();
        assertThatThrownBy(() -> client.restoreTableFromBackup(b -> b.backupArn(arn).targetTableName("Taken")))
                .isInstanceOf(TableAlreadyExistsException.class).hasMessageStartingWith("Table already exists: Taken");
        assertThatThrownBy(() -> client.createBackup(b -> b.tableName("Taken").backupName("no")))
                .hasMessageContaining("Value 'no' at 'backupName' failed to satisfy constraint: "
                        + "Member must have length greater than or equal to 3");
    }

    @Test
    void deletedBackupIsReportedDeletedAndThenNotFound() {
        Tables.hashTable(client, "ShortLived");
        String arn = client.createBackup(b -> b.tableName("ShortLived").backupName("gone")).backupDetails()
                .backupArn();
        BackupDescription deleted = client.deleteBackup(b -> b.backupArn(arn)).backupDescription();
        assertThat(deleted.backupDetails().backupStatus()).isEqualTo(BackupStatus.DELETED);
        assertThatThrownBy(() -> client.describeBackup(b -> b.backupArn(arn)))
                .isInstanceOf(BackupNotFoundException.class);
        assertThatThrownBy(() -> client.deleteBackup(b -> b.backupArn(arn)))
                .isInstanceOf(BackupNotFoundException.class);
    }

    @Test
    void listBackupsFiltersByTableTimeAndTypeAndPages() throws InterruptedException {
        Tables.hashTable(client, "ListedA");
        Tables.hashTable(client, "ListedB");
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            arns.add(client.createBackup(b -> b.tableName("ListedA").backupName("a" + n + "xx")).backupDetails()
                    .backupArn());
            Thread.sleep(5); // distinct creation times, so the time range below splits them
        }
        var middle = client.describeBackup(b -> b.backupArn(arns.get(2))).backupDescription().backupDetails()
                .backupCreationDateTime();
        client.createBackup(b -> b.tableName("ListedB").backupName("b-only"));

        assertThat(client.listBackups(b -> b.tableName("ListedA")).backupSummaries())
                .extracting(BackupSummary::backupArn).containsExactlyElementsOf(arns);
        assertThat(client.listBackups(b -> b.tableName("ListedB")).backupSummaries())
                .extracting(BackupSummary::backupName).containsExactly("b-only");
        assertThat(client.listBackups(b -> b.tableName("ListedA").backupType("SYSTEM")).backupSummaries()).isEmpty();
        assertThat(client.listBackups(b -> b.tableName("ListedA").timeRangeLowerBound(middle)).backupSummaries())
                .extracting(BackupSummary::backupArn).containsExactly(arns.get(2), arns.get(3), arns.get(4));
        assertThat(client.listBackups(b -> b.tableName("ListedA").timeRangeUpperBound(middle)).backupSummaries())
                .extracting(BackupSummary::backupArn).containsExactly(arns.get(0), arns.get(1));

        List<String> paged = new ArrayList<>();
        String start = null;
        do {
            String from = start;
            ListBackupsResponse page = client.listBackups(b -> b.tableName("ListedA").limit(2)
                    .exclusiveStartBackupArn(from));
            assertThat(page.backupSummaries().size()).isLessThanOrEqualTo(2);
            page.backupSummaries().forEach(s -> paged.add(s.backupArn()));
            start = page.lastEvaluatedBackupArn();
        } while (start != null);
        assertThat(paged).containsExactlyElementsOf(arns);
        BackupSummary s = client.listBackups(b -> b.tableName("ListedB")).backupSummaries().get(0);
        assertThat(s.tableName()).isEqualTo("ListedB");
        assertThat(s.tableArn()).endsWith(":table/ListedB");
        assertThat(s.backupType()).isEqualTo(BackupType.USER);
        assertThat(s.backupStatus()).isEqualTo(BackupStatus.AVAILABLE);
    }

    @Test
    void restoreCanOverrideBillingModeAndDropAnIndex() {
        createWithIndex(client, "Overridden");
        put(client, "Overridden", "x", "c", 1);
        String arn = client.createBackup(b -> b.tableName("Overridden").backupName("overridden")).backupDetails().backupArn();
        TableDescription t = client.restoreTableFromBackup(b -> b.backupArn(arn).targetTableName("OverriddenCopy")
                .billingModeOverride(BillingMode.PROVISIONED)
                .provisionedThroughputOverride(p -> p.readCapacityUnits(3L).writeCapacityUnits(4L))
                .globalSecondaryIndexOverride(List.of())
                .sseSpecificationOverride(s -> s.enabled(true))).tableDescription();
        assertThat(t.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(t.provisionedThroughput().readCapacityUnits()).isEqualTo(3L);
        assertThat(t.globalSecondaryIndexes()).isEmpty();
        assertThat(t.attributeDefinitions()).extracting(AttributeDefinition::attributeName).containsExactly("id");
        assertThat(scan(client, "OverriddenCopy")).containsOnlyKeys("x");
    }

    @Test
    void backupIsConsistentWhileWritersRun() throws Exception {
        Tables.hashTable(client, "Ledger");
        client.putItem(b -> b.tableName("Ledger").item(Map.of("pk", AttributeValue.fromS("a"),
                "balance", AttributeValue.fromN("100"))));
        client.putItem(b -> b.tableName("Ledger").item(Map.of("pk", AttributeValue.fromS("b"),
                "balance", AttributeValue.fromN("0"))));
        AtomicBoolean stop = new AtomicBoolean();
        Thread transfers = new Thread(() -> {
            try (DynamoDbClient c = ServerExtension.client(SERVER.endpoint())) {
                int i = 0;
                while (!stop.get()) {
                    String from = i % 2 == 0 ? "a" : "b";
                    String to = i % 2 == 0 ? "b" : "a";
                    c.transactWriteItems(b -> b.transactItems(
                            t -> t.update(u -> u.tableName("Ledger").key(Map.of("pk", AttributeValue.fromS(from)))
                                    .updateExpression("SET balance = balance - :one")
                                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))),
                            t -> t.update(u -> u.tableName("Ledger").key(Map.of("pk", AttributeValue.fromS(to)))
                                    .updateExpression("SET balance = balance + :one")
                                    .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))));
                    i++;
                }
            }
        });
        transfers.start();
        try {
            for (int n = 0; n < 10; n++) {
                int k = n;
                String arn = client.createBackup(b -> b.tableName("Ledger").backupName("ledger" + k)).backupDetails()
                        .backupArn();
                client.restoreTableFromBackup(b -> b.backupArn(arn).targetTableName("Ledger" + k));
                int total = scan(client, "Ledger" + k).values().stream()
                        .mapToInt(i -> Integer.parseInt(i.get("balance").n())).sum();
                assertThat(total).isEqualTo(100);
            }
        } finally {
            stop.set(true);
            transfers.join();
        }
    }

    @Test
    void backupSurvivesDeletingItsTableAndARestart() {
        String arn;
        try (DynaRocks db = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient c = ServerExtension.client(db.endpoint())) {
            createWithIndex(c, "Durable");
            for (int i = 0; i < 20; i++) {
                put(c, "Durable", "k" + i, "c" + (i % 2), i);
            }
            arn = c.createBackup(b -> b.tableName("Durable").backupName("durable")).backupDetails().backupArn();
            c.deleteTable(b -> b.tableName("Durable"));
        }
        try (DynaRocks db = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient c = ServerExtension.client(db.endpoint())) {
            assertThat(c.listBackups(b -> b.tableName("Durable")).backupSummaries())
                    .extracting(BackupSummary::backupArn).containsExactly(arn);
            c.restoreTableFromBackup(b -> b.backupArn(arn).targetTableName("Durable"));
            assertThat(scan(c, "Durable")).hasSize(20);
            assertThat(c.query(b -> b.tableName("Durable").indexName("byCustomer")
                    .keyConditionExpression("customer = :c")
                    .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("c1")))).count()).isEqualTo(10);
        }
    }

    static void createWithIndex(DynamoDbClient c, String name) {
        c.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("customer").attributeType(ScalarAttributeType.S)
                                .build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byCustomer")
                        .keySchema(KeySchemaElement.builder().attributeName("customer").keyType(KeyType.HASH).build())
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build()));
    }

    static void put(DynamoDbClient c, String table, String id, String customer, int amount) {
        c.putItem(b -> b.tableName(table).item(Map.of("id", AttributeValue.fromS(id),
                "customer", AttributeValue.fromS(customer), "amount", AttributeValue.fromN(Integer.toString(amount)),
                "tags", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromN("1"))))));
    }

    /** Every item of the table by its first key attribute's value. */
    static Map<String, Map<String, AttributeValue>> scan(DynamoDbClient c, String table) {
        String key = c.describeTable(b -> b.tableName(table)).table().keySchema().get(0).attributeName();
        Map<String, Map<String, AttributeValue>> out = new HashMap<>();
        c.scanPaginator(b -> b.tableName(table)).items().forEach(i -> out.put(i.get(key).s(), i));
        return out;
    }
}
