package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TableStatus;
import java.util.Map;

class TableLifecycleIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @Test
    void createdTableIsActiveAndDescribedWithItsSchema() {
        CreateTableResponse created = client.createTable(b -> b.tableName("Lifecycle1")
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("id").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("n").attributeType(ScalarAttributeType.N).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("n").keyType(KeyType.RANGE).build())
                .provisionedThroughput(t -> t.readCapacityUnits(5L).writeCapacityUnits(7L)));
        TableDescription d = created.tableDescription();
        assertThat(d.tableStatus()).isEqualTo(TableStatus.ACTIVE);
        assertThat(d.tableArn()).isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/Lifecycle1");
        assertThat(d.tableId()).isNotBlank();
        assertThat(d.creationDateTime()).isNotNull();
        assertThat(d.provisionedThroughput().readCapacityUnits()).isEqualTo(5L);

        TableDescription described = client.describeTable(b -> b.tableName("Lifecycle1")).table();
        assertThat(described.keySchema()).extracting(KeySchemaElement::attributeName).containsExactly("id", "n");
        assertThat(described.attributeDefinitions()).hasSize(2);
        assertThat(described.billingModeSummary().billingModeAsString()).isEqualTo("PROVISIONED");
        assertThat(described.tableId()).isEqualTo(d.tableId());
        assertThat(described.itemCount()).isZero();
    }

    @Test
    void describeTableCountsItemsAndBytes() {
        Tables.hashTable(client, "Counted");
        client.putItem(b -> b.tableName("Counted").item(Map.of("pk", AttributeValue.fromS("a"))));
        client.putItem(b -> b.tableName("Counted").item(Map.of("pk", AttributeValue.fromS("b"),
                "data", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[100])))));
        TableDescription d = client.describeTable(b -> b.tableName("Counted")).table();
        assertThat(d.itemCount()).isEqualTo(2);
        assertThat(d.tableSizeBytes()).isEqualTo(3 + 3 + 4 + 100);
    }

    @Test
    void creatingAnExistingTableIsResourceInUse() {
        Tables.hashTable(client, "Twice");
        assertThatThrownBy(() -> Tables.hashTable(client, "Twice"))
                .isInstanceOf(ResourceInUseException.class)
                .hasMessageStartingWith("Table already exists: Twice");
    }

    @Test
    void describingAMissingTableIsResourceNotFound() {
        assertThatThrownBy(() -> client.describeTable(b -> b.tableName("Nowhere")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found: Table: Nowhere not found");
    }

    @Test
    void deletedTableIsGoneWithItsItems() {
        Tables.hashTable(client, "Doomed");
        client.putItem(b -> b.tableName("Doomed").item(Map.of("pk", AttributeValue.fromS("x"))));
        TableDescription d = client.deleteTable(b -> b.tableName("Doomed")).tableDescription();
        assertThat(d.tableStatus()).isEqualTo(TableStatus.DELETING);
        assertThatThrownBy(() -> client.describeTable(b -> b.tableName("Doomed")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> client.deleteTable(b -> b.tableName("Doomed")))
                .isInstanceOf(ResourceNotFoundException.class);
        Tables.hashTable(client, "Doomed");
        assertThat(client.getItem(b -> b.tableName("Doomed").key(Map.of("pk", AttributeValue.fromS("x"))))
                .hasItem()).isFalse();
    }

    @Test
    void listTablesPagesInNameOrder() {
        for (String name : new String[] {"List_c", "List_a", "List_b"}) {
            Tables.hashTable(client, name);
        }
        ListTablesResponse first = client.listTables(b -> b.exclusiveStartTableName("List").limit(2));
        assertThat(first.tableNames()).containsExactly("List_a", "List_b");
        assertThat(first.lastEvaluatedTableName()).isEqualTo("List_b");
        ListTablesResponse second = client.listTables(b -> b.exclusiveStartTableName("List_b").limit(1));
        assertThat(second.tableNames()).containsExactly("List_c");
        assertThat(client.listTables().tableNames()).contains("List_a", "List_b", "List_c");
    }

    @Test
    void updateTableSwitchesBillingMode() {
        Tables.hashTable(client, "Billing");
        TableDescription d = client.updateTable(b -> b.tableName("Billing")
                .billingMode(BillingMode.PROVISIONED)
                .provisionedThroughput(t -> t.readCapacityUnits(3L).writeCapacityUnits(4L))).tableDescription();
        assertThat(d.billingModeSummary().billingMode()).isEqualTo(BillingMode.PROVISIONED);
        assertThat(d.provisionedThroughput().writeCapacityUnits()).isEqualTo(4L);
        assertThat(client.describeTable(b -> b.tableName("Billing")).table().provisionedThroughput()
                .readCapacityUnits()).isEqualTo(3L);
    }

    @Test
    void provisionedTableWithoutThroughputIsRejected() {
        assertThatThrownBy(() -> client.createTable(b -> b.tableName("NoThroughput")
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("One or more parameter values were invalid: ReadCapacityUnits and "
                        + "WriteCapacityUnits must both be specified when BillingMode is PROVISIONED");
    }

    @Test
    void tableNameTooShortIsAConstraintViolation() {
        assertThatThrownBy(() -> Tables.hashTable(client, "ab"))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageStartingWith("1 validation error detected: Value 'ab' at 'tableName' failed to satisfy "
                        + "constraint: Member must have length greater than or equal to 3");
    }

    @Test
    void keyAttributeMissingFromDefinitionsIsRejected() {
        assertThatThrownBy(() -> client.createTable(b -> b.tableName("BadKeys")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("other")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("One or more parameter values were invalid: Some index key attributes are "
                        + "not defined in AttributeDefinitions. Keys: [pk], AttributeDefinitions: [other]");
    }

    @Test
    void firstKeyElementMustBeHash() {
        assertThatThrownBy(() -> client.createTable(b -> b.tableName("RangeFirst")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.RANGE).build())))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }
}
