package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

/** Capacity figures against the worked examples of the DynamoDB Developer Guide. */
class CapacityIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void tables() {
        Tables.compositeTable(SERVER.client(), "Reads");
        SERVER.client().createTable(b -> b.tableName("Indexed").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("g").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byG")
                        .keySchema(KeySchemaElement.builder().attributeName("g").keyType(KeyType.HASH).build())
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build()));
    }

    /** An item of about {@code bytes} bytes: pk (2+1), sk (2+2) and a padding attribute (3+n). */
    private static Map<String, AttributeValue> item(String pk, int sk, int bytes) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(Integer.toString(sk)),
                "pad", AttributeValue.fromS("x".repeat(bytes - 10)));
    }

    @Test
    void queryRoundsTheTotalSizeOfItemsReadOnceTo4KbUnits() {
        // Guide: a query returning 10 items of 40.8 KB together is rounded to 44 KB: 11 units, 5.5 eventually.
        for (int i = 0; i < 10; i++) {
            Map<String, AttributeValue> it = item("q", i, 4178);
            client.putItem(b -> b.tableName("Reads").item(it));
        }
        ConsumedCapacity strong = client.query(b -> b.tableName("Reads").keyConditionExpression("pk = :p")
                .consistentRead(true).returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("q")))).consumedCapacity();
        assertThat(strong.capacityUnits()).isEqualTo(11.0);
        ConsumedCapacity eventual = client.query(b -> b.tableName("Reads").keyConditionExpression("pk = :p")
                .filterExpression("attribute_not_exists(#pad)").expressionAttributeNames(Map.of("#pad", "pad"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS("q"))))
                .consumedCapacity();
        assertThat(eventual.capacityUnits()).isEqualTo(5.5);
    }

    @Test
    void batchGetRoundsEachItemOnItsOwn() {
        // Guide: a BatchGetItem reading a 1.5 KB and a 6.5 KB item is charged for 4 KB + 8 KB: 3 units.
        client.putItem(b -> b.tableName("Reads").item(item("b", 1, 1536)));
        client.putItem(b -> b.tableName("Reads").item(item("b", 2, 6656)));
        List<ConsumedCapacity> c = client.batchGetItem(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .requestItems(Map.of("Reads", KeysAndAttributes.builder().consistentRead(true).keys(
                        Map.of("pk", AttributeValue.fromS("b"), "sk", AttributeValue.fromN("1")),
                        Map.of("pk", AttributeValue.fromS("b"), "sk", AttributeValue.fromN("2"))).build())))
                .consumedCapacity();
        assertThat(c).hasSize(1);
        assertThat(c.get(0).capacityUnits()).isEqualTo(3.0);
    }

    @Test
    void scanOfAnEmptyResultStillCostsHalfAUnit() {
        Tables.hashTable(client, "EmptyScan");
        assertThat(client.scan(b -> b.tableName("EmptyScan").returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity().capacityUnits()).isEqualTo(0.5);
    }

    @Test
    void writesChargeEachIndexTheyTouch() {
        // Guide: putting an item that defines the index key costs one index write; changing the index key two.
        var put = client.putItem(b -> b.tableName("Indexed").returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                .item(Map.of("pk", AttributeValue.fromS("w"), "g", AttributeValue.fromS("one"),
                        "pad", AttributeValue.fromS("x".repeat(1500))))).consumedCapacity();
        assertThat(put.table().capacityUnits()).isEqualTo(2.0);
        assertThat(put.globalSecondaryIndexes().get("byG").capacityUnits()).isEqualTo(1.0);
        assertThat(put.capacityUnits()).isEqualTo(3.0);
        var update = client.updateItem(b -> b.tableName("Indexed").returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                .key(Map.of("pk", AttributeValue.fromS("w"))).updateExpression("SET g = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("two")))).consumedCapacity();
        assertThat(update.globalSecondaryIndexes().get("byG").capacityUnits()).isEqualTo(2.0);
        var untouched = client.updateItem(b -> b.tableName("Indexed").returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)
                .key(Map.of("pk", AttributeValue.fromS("w"))).updateExpression("SET extra = :o")
                .expressionAttributeValues(Map.of(":o", AttributeValue.fromS("v")))).consumedCapacity();
        assertThat(untouched.capacityUnits()).isEqualTo(2.0);
        assertThat(untouched.hasGlobalSecondaryIndexes()).isFalse();
    }

    @Test
    void transactionalWritesReportEachIndexTheyTouchUnderIndexes() {
        // TransactWriteItems' INDEXES: capacity for each table and secondary index accessed. The items cost twice
        // (prepare and commit); each index write is charged as for a single-item write.
        var put = TransactWriteItem.builder().put(p -> p.tableName("Indexed").item(Map.of(
                "pk", AttributeValue.fromS("t1"), "g", AttributeValue.fromS("one"),
                "pad", AttributeValue.fromS("x".repeat(1500))))).build();
        var plain = TransactWriteItem.builder().put(p -> p.tableName("Indexed").item(Map.of(
                "pk", AttributeValue.fromS("t2"), "pad", AttributeValue.fromS("y")))).build();
        List<ConsumedCapacity> indexes = client.transactWriteItems(b -> b.transactItems(put, plain)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertThat(indexes).hasSize(1);
        assertThat(indexes.get(0).table().capacityUnits()).isEqualTo(2 * 2.0 + 2 * 1.0);
        assertThat(indexes.get(0).globalSecondaryIndexes().get("byG").capacityUnits()).isEqualTo(1.0);
        assertThat(indexes.get(0).capacityUnits()).isEqualTo(7.0);
        // The same total under TOTAL, without the split; a change of the index key costs two index writes.
        var move = TransactWriteItem.builder().update(u -> u.tableName("Indexed")
                .key(Map.of("pk", AttributeValue.fromS("t1"))).updateExpression("SET g = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("two")))).build();
        List<ConsumedCapacity> total = client.transactWriteItems(b -> b.transactItems(move)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(total.get(0).capacityUnits()).isEqualTo(2 * 2.0 + 2.0);
        assertThat(total.get(0).hasGlobalSecondaryIndexes()).isFalse();
    }

    @Test
    void indexQueryIsChargedToTheIndex() {
        client.putItem(b -> b.tableName("Indexed").item(Map.of("pk", AttributeValue.fromS("iq"),
                "g", AttributeValue.fromS("iq"))));
        ConsumedCapacity c = client.query(b -> b.tableName("Indexed").indexName("byG")
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES).keyConditionExpression("g = :g")
                .expressionAttributeValues(Map.of(":g", AttributeValue.fromS("iq")))).consumedCapacity();
        assertThat(c.capacityUnits()).isEqualTo(0.5);
        assertThat(c.globalSecondaryIndexes().get("byG").capacityUnits()).isEqualTo(0.5);
    }

    @Test
    void describeTableReportsItemCountAndSize() {
        Tables.hashTable(client, "Counted");
        client.putItem(b -> b.tableName("Counted").item(Map.of("pk", AttributeValue.fromS("abc"),
                "name", AttributeValue.fromS("12345"))));
        TableDescription t = client.describeTable(b -> b.tableName("Counted")).table();
        assertThat(t.itemCount()).isEqualTo(1);
        assertThat(t.tableSizeBytes()).isEqualTo(2 + 3 + 4 + 5);
    }
}
