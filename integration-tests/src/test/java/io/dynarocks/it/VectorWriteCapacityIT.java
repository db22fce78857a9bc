package io.dynarocks.it;

import static io.dynarocks.it.VectorSearchIT.createTable;
import static io.dynarocks.it.VectorSearchIT.index;
import static io.dynarocks.it.VectorSearchIT.vector;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.VectorDistanceFunction;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Every write API charges the bytes it replicates to a vector index (VectorWriteRequestBytes) the same way, and
 * reports them in ConsumedCapacity's VectorIndexes map under INDEXES only, as DynamoDB documents for PutItem,
 * UpdateItem, DeleteItem, BatchWriteItem and TransactWriteItems (and PartiQL, which runs through them).
 */
class VectorWriteCapacityIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static final String INDEX = "charged-index";
    /** DynamoDB's smallest vector write, charged for an item of a few dozen bytes. */
    private static final double MIN_BYTES = 1024.0;
    /** An item large enough that its vector write is charged by its size rather than the minimum. */
    private static final String LARGE = "x".repeat(3000);

    private static DynamoDbClient table(String name) {
        DynamoDbClient client = SERVER.client();
        createTable(client, name, index(INDEX, 3, VectorDistanceFunction.COSINE));
        return client;
    }

    private static Map<String, AttributeValue> item(String id, double x, String payload) {
        return Map.of("id", AttributeValue.fromS(id), "embedding", vector(x, 1, 0), "payload",
                AttributeValue.fromS(payload));
    }

    private static Map<String, AttributeValue> key(String id) {
        return Map.of("id", AttributeValue.fromS(id));
    }

    private static double vectorBytes(ConsumedCapacity c) {
        return c.vectorIndexes().get(INDEX).vectorWriteRequestBytes();
    }

    /** What a PutItem of {@code item} into a fresh key of {@code table} is charged: the reference for every path. */
    private static double putItemBytes(DynamoDbClient client, String table, Map<String, AttributeValue> item) {
        double bytes = vectorBytes(client.putItem(b -> b.tableName(table).item(item)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity());
        client.deleteItem(b -> b.tableName(table).key(key(item.get("id").s())));
        return bytes;
    }

    @Test
    void updateItemChangingTheVectorIsChargedAndOneLeavingTheIndexedEntryAloneIsNot() {
        DynamoDbClient client = table("UpdateCharged");
        client.putItem(b -> b.tableName("UpdateCharged").item(item("u", 1, "small")));
        ConsumedCapacity changed = client.updateItem(b -> b.tableName("UpdateCharged").key(key("u"))
                .updateExpression("SET embedding = :v").expressionAttributeValues(Map.of(":v", vector(0, 0, 1)))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertThat(changed.table().capacityUnits()).isEqualTo(1.0);
        assertThat(vectorBytes(changed)).isEqualTo(MIN_BYTES);

        ConsumedCapacity same = client.updateItem(b -> b.tableName("UpdateCharged").key(key("u"))
                .updateExpression("SET embedding = :v").expressionAttributeValues(Map.of(":v", vector(0, 0, 1)))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertThat(same.hasVectorIndexes()).as("an update leaving the index entry as it was").isFalse();
    }

    @Test
    void batchWriteItemReportsTheSumOfItsWritesVectorBytesPerTable() {
        DynamoDbClient client = table("BatchCharged");
        double large = putItemBytes(client, "BatchCharged", item("probe", 2, LARGE));
        assertThat(large).isGreaterThan(MIN_BYTES);
        client.putItem(b -> b.tableName("BatchCharged").item(item("gone", 1, "small")));

        ConsumedCapacity c = client.batchWriteItem(b -> b.requestItems(Map.of("BatchCharged", List.of(
                        WriteRequest.builder().putRequest(p -> p.item(item("b1", 1, "small"))).build(),
                        WriteRequest.builder().putRequest(p -> p.item(item("probe", 2, LARGE))).build(),
                        WriteRequest.builder().putRequest(p -> p.item(Map.of("id", AttributeValue.fromS("novec"))))
                                .build(),
                        WriteRequest.builder().deleteRequest(d -> d.key(key("gone"))).build())))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity().get(0);
        assertThat(c.tableName()).isEqualTo("BatchCharged");
        assertThat(c.table().capacityUnits()).isEqualTo(c.capacityUnits());
        assertThat(vectorBytes(c)).isEqualTo(MIN_BYTES + large + MIN_BYTES);

        ConsumedCapacity total = client.batchWriteItem(b -> b.requestItems(Map.of("BatchCharged", List.of(
                        WriteRequest.builder().putRequest(p -> p.item(item("b2", 3, "small"))).build())))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().get(0);
        assertThat(total.hasVectorIndexes()).as("TOTAL reports no vector writes").isFalse();
    }

    @Test
    void transactWriteItemsChargesVectorWritesLikeSingleItemWritesOncePerChangedEntry() {
        DynamoDbClient client = table("TxCharged");
        double large = putItemBytes(client, "TxCharged", item("t2", 2, LARGE));
        client.putItem(b -> b.tableName("TxCharged").item(item("t3", 1, "small")));
        client.putItem(b -> b.tableName("TxCharged").item(item("t4", 1, "small")));
        client.putItem(b -> b.tableName("TxCharged").item(item("t5", 1, "small")));

        ConsumedCapacity c = client.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName("TxCharged").item(item("t1", 1, "small")))
                                .build(),
                        TransactWriteItem.builder().put(p -> p.tableName("TxCharged").item(item("t2", 2, LARGE)))
                                .build(),
                        TransactWriteItem.builder().update(u -> u.tableName("TxCharged").key(key("t3"))
                                .updateExpression("SET embedding = :v")
                                .expressionAttributeValues(Map.of(":v", vector(0, 0, 1)))).build(),
                        TransactWriteItem.builder().delete(d -> d.tableName("TxCharged").key(key("t4"))).build(),
                        TransactWriteItem.builder().conditionCheck(k -> k.tableName("TxCharged").key(key("t5"))
                                .conditionExpression("attribute_exists(id)")).build())
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity().get(0);
        assertThat(c.tableName()).isEqualTo("TxCharged");
        // Table units stay the transaction's (two per item written); the condition check replicates nothing.
        assertThat(c.table().capacityUnits()).isEqualTo(c.capacityUnits());
        assertThat(vectorBytes(c)).isEqualTo(MIN_BYTES + large + MIN_BYTES + MIN_BYTES);

        ConsumedCapacity total = client.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().put(p -> p.tableName("TxCharged").item(item("t6", 1, "small")))
                                .build())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().get(0);
        assertThat(total.hasVectorIndexes()).as("TOTAL reports no vector writes").isFalse();
        assertThat(total.table()).isNull();

        ConsumedCapacity projected = client.transactWriteItems(b -> b.transactItems(
                        TransactWriteItem.builder().update(u -> u.tableName("TxCharged").key(key("t5"))
                                .updateExpression("SET label = :l")
                                .expressionAttributeValues(Map.of(":l", AttributeValue.fromS("x")))).build())
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity().get(0);
        // The index projects ALL: a new non-vector attribute changes the entry and is replicated.
        assertThat(vectorBytes(projected)).isEqualTo(MIN_BYTES);
    }

    @Test
    void partiqlWritesChargeVectorBytesAsTheOperationsTheyStandFor() {
        DynamoDbClient client = table("PartiqlCharged");
        double large = putItemBytes(client, "PartiqlCharged", item("p2", 2, LARGE));
        AttributeValue small = AttributeValue.fromS("small");
        AttributeValue largePayload = AttributeValue.fromS(LARGE);

        ConsumedCapacity inserted = client.executeStatement(b -> b
                .statement("INSERT INTO \"PartiqlCharged\" VALUE {'id': 'p1', 'embedding': ?, 'payload': ?}")
                .parameters(vector(1, 1, 0), small)
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertThat(vectorBytes(inserted)).isEqualTo(MIN_BYTES);
        ConsumedCapacity updated = client.executeStatement(b -> b
                .statement("UPDATE \"PartiqlCharged\" SET embedding = ? WHERE id = 'p1'")
                .parameters(vector(0, 0, 1))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertThat(vectorBytes(updated)).isEqualTo(MIN_BYTES);
        ConsumedCapacity deleted = client.executeStatement(b -> b
                .statement("DELETE FROM \"PartiqlCharged\" WHERE id = 'p1'")
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity();
        assertThat(vectorBytes(deleted)).isEqualTo(MIN_BYTES);
        ConsumedCapacity total = client.executeStatement(b -> b
                .statement("INSERT INTO \"PartiqlCharged\" VALUE {'id': 'p0', 'embedding': ?}")
                .parameters(vector(1, 0, 0))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        assertThat(total.hasVectorIndexes()).as("TOTAL reports no vector writes").isFalse();

        ConsumedCapacity batch = client.batchExecuteStatement(b -> b.statements(
                        BatchStatementRequest.builder()
                                .statement("INSERT INTO \"PartiqlCharged\" VALUE {'id': 'p3', 'embedding': ?}")
                                .parameters(vector(3, 1, 0)).build(),
                        BatchStatementRequest.builder()
                                .statement("INSERT INTO \"PartiqlCharged\" VALUE {'id': 'p2', 'embedding': ?, "
                                        + "'payload': ?}")
                                .parameters(vector(2, 1, 0), largePayload).build())
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity().get(0);
        assertThat(vectorBytes(batch)).isEqualTo(MIN_BYTES + large);

        ConsumedCapacity transaction = client.executeTransaction(b -> b.transactStatements(
                        ParameterizedStatement.builder()
                                .statement("INSERT INTO \"PartiqlCharged\" VALUE {'id': 'p4', 'embedding': ?}")
                                .parameters(vector(4, 1, 0)).build(),
                        ParameterizedStatement.builder()
                                .statement("UPDATE \"PartiqlCharged\" SET embedding = ? WHERE id = 'p3'")
                                .parameters(vector(0, 1, 1)).build(),
                        ParameterizedStatement.builder()
                                .statement("DELETE FROM \"PartiqlCharged\" WHERE id = 'p2'").build())
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES)).consumedCapacity().get(0);
        assertThat(transaction.tableName()).isEqualTo("PartiqlCharged");
        assertThat(vectorBytes(transaction)).isEqualTo(MIN_BYTES + MIN_BYTES + large);
    }
}
