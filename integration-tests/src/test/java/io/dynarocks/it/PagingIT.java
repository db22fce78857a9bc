package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** The 1 MB page limit of Query and Scan: a page stops before the item that would take it past 1 MB. */
class PagingIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static final int MB = 1024 * 1024;

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void data() {
        DynamoDbClient c = SERVER.client();
        c.createTable(b -> b.tableName("Sized").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        // Partition "tenth": 20 items of exactly 100 KB; partition "eighth": 9 items of exactly 1/8 MB.
        Bulk.write(c, "Sized", 20, i -> item("tenth", i, 100 * 1024));
        Bulk.write(c, "Sized", 9, i -> item("eighth", i, MB / 8));
        Tables.hashTable(c, "Eighths");
        Bulk.write(c, "Eighths", 9, i -> hashItem(i, MB / 8));
        Tables.hashTable(c, "Tenths");
        Bulk.write(c, "Tenths", 15, i -> hashItem(i, 100 * 1024));
    }

    /** An item whose DynamoDB size is exactly {@code size} bytes. */
    private static Map<String, AttributeValue> item(String pk, int i, int size) {
        String sk = String.format("%02d", i);
        int fixed = "pk".length() + pk.length() + "sk".length() + sk.length() + "pad".length();
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS(sk),
                "pad", AttributeValue.fromS("x".repeat(size - fixed)));
    }

    /** An item of a {@code pk}-only table whose DynamoDB size is exactly {@code size} bytes. */
    private static Map<String, AttributeValue> hashItem(int i, int size) {
        return Map.of("pk", AttributeValue.fromS(String.format("%02d", i)),
                "pad", AttributeValue.fromS("x".repeat(size - "pk".length() - 2 - "pad".length())));
    }

    private QueryResponse query(String pk, Map<String, AttributeValue> start) {
        return client.query(b -> b.tableName("Sized").keyConditionExpression("pk = :p").exclusiveStartKey(start)
                .expressionAttributeValues(Map.of(":p", AttributeValue.fromS(pk))));
    }

    @Test
    void queryPageStopsBeforeTheItemThatWouldCrossOneMegabyte() {
        QueryResponse first = query("tenth", null);
        assertThat(first.count()).isEqualTo(10);
        assertThat(first.scannedCount()).isEqualTo(10);
        assertThat(first.lastEvaluatedKey()).isEqualTo(
                Map.of("pk", AttributeValue.fromS("tenth"), "sk", AttributeValue.fromS("09")));
        QueryResponse second = query("tenth", first.lastEvaluatedKey());
        assertThat(second.items().get(0).get("sk").s()).isEqualTo("10");
        assertThat(second.count()).isEqualTo(10);
    }

    @Test
    void queryPageEndingExactlyAtOneMegabyteWithMoreItemsLeftHasALastEvaluatedKey() {
        QueryResponse first = query("eighth", null);
        assertThat(first.count()).isEqualTo(8);
        assertThat(first.lastEvaluatedKey()).isEqualTo(
                Map.of("pk", AttributeValue.fromS("eighth"), "sk", AttributeValue.fromS("07")));
        QueryResponse second = query("eighth", first.lastEvaluatedKey());
        assertThat(second.count()).isEqualTo(1);
        assertThat(second.items().get(0).get("sk").s()).isEqualTo("08");
        assertThat(second.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void scanPageEndingExactlyAtOneMegabyteWithMoreItemsLeftHasALastEvaluatedKey() {
        ScanResponse first = client.scan(b -> b.tableName("Eighths"));
        assertThat(first.count()).isEqualTo(8);
        assertThat(first.scannedCount()).isEqualTo(8);
        assertThat(first.lastEvaluatedKey()).isEqualTo(Map.of("pk", first.items().get(7).get("pk")));
        ScanResponse second = client.scan(b -> b.tableName("Eighths").exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(second.count()).isEqualTo(1);
        assertThat(second.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void scanPageStopsBeforeTheItemThatWouldCrossOneMegabyte() {
        ScanResponse first = client.scan(b -> b.tableName("Tenths"));
        assertThat(first.count()).isEqualTo(10);
        assertThat(first.lastEvaluatedKey()).isEqualTo(Map.of("pk", first.items().get(9).get("pk")));
        ScanResponse second = client.scan(b -> b.tableName("Tenths").exclusiveStartKey(first.lastEvaluatedKey()));
        assertThat(second.count()).isEqualTo(5);
        assertThat(second.hasLastEvaluatedKey()).isFalse();
    }
}
