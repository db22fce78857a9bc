package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondaryPartitionKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSecondarySortKey;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbSortKey;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.IndexStatus;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnItemCollectionMetrics;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;

class SecondaryIndexIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    private static AttributeDefinition def(String name, ScalarAttributeType type) {
        return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
    }

    private static List<KeySchemaElement> keys(String hash, String range) {
        List<KeySchemaElement> k = new ArrayList<>();
        k.add(KeySchemaElement.builder().attributeName(hash).keyType(KeyType.HASH).build());
        if (range != null) {
            k.add(KeySchemaElement.builder().attributeName(range).keyType(KeyType.RANGE).build());
        }
        return k;
    }

    @BeforeAll
    static void tables() {
        SERVER.client().createTable(b -> b.tableName("Orders").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("customer", ScalarAttributeType.S), def("id", ScalarAttributeType.N),
                        def("status", ScalarAttributeType.S), def("total", ScalarAttributeType.N))
                .keySchema(keys("customer", "id"))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("byStatus")
                        .keySchema(keys("status", "total"))
                        .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build())
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("byTotal")
                        .keySchema(keys("customer", "total"))
                        .projection(Projection.builder().projectionType(ProjectionType.INCLUDE)
                                .nonKeyAttributes("note").build()).build()));
    }

    private void order(String customer, int id, String status, Integer total) {
        Map<String, AttributeValue> item = new java.util.HashMap<>(Map.of("customer", AttributeValue.fromS(customer),
                "id", AttributeValue.fromN(Integer.toString(id)), "note", AttributeValue.fromS("n" + id),
                "secret", AttributeValue.fromS("s" + id)));
        if (status != null) {
            item.put("status", AttributeValue.fromS(status));
        }
        if (total != null) {
            item.put("total", AttributeValue.fromN(Integer.toString(total)));
        }
        client.putItem(b -> b.tableName("Orders").item(item));
    }

    private QueryResponse byStatus(String status) {
        return client.query(b -> b.tableName("Orders").indexName("byStatus").keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS(status))));
    }

    @Test
    void writesToTablesWithLocalIndexesReportItemCollectionMetrics() {
        Map<String, AttributeValue> item = Map.of("customer", AttributeValue.fromS("icm"),
                "id", AttributeValue.fromN("1"), "total", AttributeValue.fromN("5"));
        var put = client.putItem(b -> b.tableName("Orders").item(item)
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        assertThat(put.itemCollectionMetrics().itemCollectionKey())
                .isEqualTo(Map.of("customer", AttributeValue.fromS("icm")));
        assertThat(put.itemCollectionMetrics().sizeEstimateRangeGB()).containsExactly(0.0, 1.0);
        var update = client.updateItem(b -> b.tableName("Orders")
                .key(Map.of("customer", AttributeValue.fromS("icm"), "id", AttributeValue.fromN("1")))
                .updateExpression("SET note = :n").expressionAttributeValues(Map.of(":n", AttributeValue.fromS("x")))
                .returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE));
        assertThat(update.itemCollectionMetrics()).isNotNull();
        var delete = client.deleteItem(b -> b.tableName("Orders")
                .key(Map.of("customer", AttributeValue.fromS("icm"), "id", AttributeValue.fromN("1"))));
        assertThat(delete.itemCollectionMetrics()).isNull();
        var batch = client.batchWriteItem(b -> b.returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                .requestItems(Map.of("Orders", java.util.List.of(
                        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                                .putRequest(r -> r.item(item)).build(),
                        software.amazon.awssdk.services.dynamodb.model.WriteRequest.builder()
                                .putRequest(r -> r.item(Map.of("customer", AttributeValue.fromS("icm"),
                                        "id", AttributeValue.fromN("2")))).build()))));
        assertThat(batch.itemCollectionMetrics().get("Orders")).singleElement()
                .satisfies(m -> assertThat(m.itemCollectionKey())
                        .isEqualTo(Map.of("customer", AttributeValue.fromS("icm"))));
        var transaction = client.transactWriteItems(b -> b.returnItemCollectionMetrics(ReturnItemCollectionMetrics.SIZE)
                .transactItems(software.amazon.awssdk.services.dynamodb.model.TransactWriteItem.builder()
                        .put(p -> p.tableName("Orders").item(Map.of("customer", AttributeValue.fromS("icm2"),
                                "id", AttributeValue.fromN("1")))).build()));
        assertThat(transaction.itemCollectionMetrics().get("Orders")).singleElement()
                .satisfies(m -> assertThat(m.sizeEstimateRangeGB()).containsExactly(0.0, 1.0));
    }

    @Test
    void globalIndexHoldsNonUniqueKeysSparselyAndFollowsUpdates() {
        order("gc1", 1, "OPEN", 10);
        order("gc2", 1, "OPEN", 10);
        order("gc3", 1, null, 10);
        assertThat(byStatus("OPEN").items()).hasSize(2)
                .allSatisfy(i -> assertThat(i).containsOnlyKeys("customer", "id", "status", "total"));
        client.updateItem(b -> b.tableName("Orders").key(Map.of("customer", AttributeValue.fromS("gc1"),
                "id", AttributeValue.fromN("1"))).updateExpression("SET #s = :c")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":c", AttributeValue.fromS("CLOSED"))));
        assertThat(byStatus("OPEN").items()).hasSize(1);
        assertThat(byStatus("CLOSED").items()).hasSize(1);
        client.deleteItem(b -> b.tableName("Orders").key(Map.of("customer", AttributeValue.fromS("gc2"),
                "id", AttributeValue.fromN("1"))));
        assertThat(byStatus("OPEN").items()).isEmpty();
    }

    @Test
    void localIndexQueriesInIndexOrderAndFetchesUnprojectedAttributes() {
        order("lc", 1, "X", 30);
        order("lc", 2, "X", 10);
        order("lc", 3, "X", 20);
        QueryResponse r = client.query(b -> b.tableName("Orders").indexName("byTotal")
                .keyConditionExpression("customer = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS("lc"))));
        assertThat(r.items()).extracting(i -> i.get("id").n()).containsExactly("2", "3", "1");
        assertThat(r.items().get(0)).containsKey("note").doesNotContainKey("secret");
        QueryResponse all = client.query(b -> b.tableName("Orders").indexName("byTotal").select(Select.ALL_ATTRIBUTES)
                .keyConditionExpression("customer = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS("lc"))));
        assertThat(all.items().get(0)).containsKey("secret");
        assertThat(r.hasLastEvaluatedKey()).isFalse();
    }

    @Test
    void indexReadsFollowDynamoDbRules() {
        assertThatThrownBy(() -> client.query(b -> b.tableName("Orders").indexName("byStatus").consistentRead(true)
                .keyConditionExpression("#s = :s").expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("OPEN")))))
                .hasMessageContaining("Consistent reads are not supported on global secondary indexes");
        assertThatThrownBy(() -> client.query(b -> b.tableName("Orders").indexName("byStatus")
                .select(Select.ALL_ATTRIBUTES).keyConditionExpression("#s = :s")
                .expressionAttributeNames(Map.of("#s", "status"))
                .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("OPEN")))))
                .hasMessageContaining("Select type ALL_ATTRIBUTES is not supported for global secondary index byStatus "
                        + "because its projection type is not ALL");
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Orders").item(Map.of(
                "customer", AttributeValue.fromS("bad"), "id", AttributeValue.fromN("2"),
                "status", AttributeValue.fromN("1")))))
                .hasMessageContaining("Type mismatch for Index Key status Expected: S Actual: N IndexName: byStatus");
    }

    @Test
    void indexPagesResumeFromAKeyHoldingTableAndIndexKeys() {
        for (int i = 0; i < 5; i++) {
            order("pc" + i, i, "PAGED", 7);
        }
        List<String> seen = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse r = client.query(b -> b.tableName("Orders").indexName("byStatus").limit(2)
                    .exclusiveStartKey(from).keyConditionExpression("#s = :s")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":s", AttributeValue.fromS("PAGED"))));
            r.items().forEach(i -> seen.add(i.get("customer").s()));
            if (r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty()) {
                assertThat(r.lastEvaluatedKey()).containsOnlyKeys("customer", "id", "status", "total");
            }
            start = r.hasLastEvaluatedKey() && !r.lastEvaluatedKey().isEmpty() ? r.lastEvaluatedKey() : null;
        } while (start != null);
        assertThat(seen).containsExactlyInAnyOrder("pc0", "pc1", "pc2", "pc3", "pc4");
    }

    @Test
    void aGlobalIndexAddedLaterIsBackfilledThenAnswersQueries() {
        Tables.hashTable(client, "Late");
        Bulk.write(client, "Late", 5000, i -> Map.of("pk", AttributeValue.fromS("k" + i),
                "color", AttributeValue.fromS(i % 5 == 0 ? "red" : "blue")));
        TableDescription updated = client.updateTable(b -> b.tableName("Late")
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("color", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(u -> u.create(c -> c.indexName("byColor").keySchema(keys("color", null))
                        .projection(p -> p.projectionType(ProjectionType.ALL))))).tableDescription();
        assertThat(updated.globalSecondaryIndexes().get(0).indexStatus()).isEqualTo(IndexStatus.CREATING);
        // 5,000 backfill commits: on etcd (a Raft commit each) under CI load this takes tens of seconds.
        await().atMost(Duration.ofSeconds(180)).until(() -> client.describeTable(b -> b.tableName("Late")).table()
                .globalSecondaryIndexes().get(0).indexStatus() == IndexStatus.ACTIVE);
        int red = 0;
        for (QueryResponse page : client.queryPaginator(b -> b.tableName("Late").indexName("byColor")
                .keyConditionExpression("color = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS("red"))))) {
            red += page.count();
        }
        assertThat(red).isEqualTo(1000);
        GlobalSecondaryIndexDescription described = client.describeTable(b -> b.tableName("Late")).table()
                .globalSecondaryIndexes().get(0);
        assertThat(described.itemCount()).isEqualTo(5000);
        assertThat(described.backfilling()).isNull();

        client.updateTable(b -> b.tableName("Late").globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("byColor"))));
        assertThat(client.describeTable(b -> b.tableName("Late")).table().hasGlobalSecondaryIndexes()).isFalse();
        assertThatThrownBy(() -> client.query(b -> b.tableName("Late").indexName("byColor")
                .keyConditionExpression("color = :c").expressionAttributeValues(Map.of(":c", AttributeValue.fromS("red")))))
                .hasMessageContaining("The table does not have the specified index: byColor");
    }

    @Test
    void createTableValidatesIndexes() {
        assertThatThrownBy(() -> client.createTable(b -> b.tableName("BadLsi").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("x", ScalarAttributeType.S))
                .keySchema(keys("pk", null))
                .localSecondaryIndexes(LocalSecondaryIndex.builder().indexName("lsi").keySchema(keys("pk", "x"))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())))
                .hasMessageContaining("Table KeySchema does not have a range key, which is required when specifying a "
                        + "LocalSecondaryIndex");
        assertThatThrownBy(() -> client.createTable(b -> b.tableName("Unused").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("x", ScalarAttributeType.S),
                        def("y", ScalarAttributeType.S))
                .keySchema(keys("pk", null))
                .globalSecondaryIndexes(GlobalSecondaryIndex.builder().indexName("gsi").keySchema(keys("x", null))
                        .projection(Projection.builder().projectionType(ProjectionType.ALL).build()).build())))
                .hasMessageContaining("Some AttributeDefinitions are not used");
        List<GlobalSecondaryIndex> many = new ArrayList<>();
        for (int i = 0; i < 21; i++) {
            many.add(GlobalSecondaryIndex.builder().indexName("gsi" + i).keySchema(keys("x", null))
                    .projection(Projection.builder().projectionType(ProjectionType.KEYS_ONLY).build()).build());
        }
        assertThatThrownBy(() -> client.createTable(b -> b.tableName("TooMany").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(def("pk", ScalarAttributeType.S), def("x", ScalarAttributeType.S))
                .keySchema(keys("pk", null)).globalSecondaryIndexes(many)))
                .hasMessageContaining("GlobalSecondaryIndex count exceeds the per-table limit of 20");
    }

    /** A bean for the enhanced client's index query. */
    @DynamoDbBean
    public static class Player {
        private String id;
        private String team;
        private Integer score;

        @DynamoDbPartitionKey
        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        @DynamoDbSecondaryPartitionKey(indexNames = "byTeam")
        public String getTeam() {
            return team;
        }

        public void setTeam(String team) {
            this.team = team;
        }

        @DynamoDbSecondarySortKey(indexNames = "byTeam")
        public Integer getScore() {
            return score;
        }

        public void setScore(Integer score) {
            this.score = score;
        }
    }

    @Test
    void enhancedClientQueriesAnIndex() {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        var table = enhanced.table("Players", TableSchema.fromBean(Player.class));
        table.createTable(b -> b.globalSecondaryIndices(g -> g.indexName("byTeam")
                .projection(p -> p.projectionType(ProjectionType.ALL))));
        for (int i = 0; i < 6; i++) {
            Player p = new Player();
            p.setId("p" + i);
            p.setTeam(i % 2 == 0 ? "red" : "blue");
            p.setScore(100 - i);
            table.putItem(p);
        }
        DynamoDbIndex<Player> index = table.index("byTeam");
        List<Integer> scores = new ArrayList<>();
        index.query(QueryConditional.keyEqualTo(Key.builder().partitionValue("red").build()))
                .forEach(page -> page.items().forEach(p -> scores.add(p.getScore())));
        assertThat(scores).containsExactly(96, 98, 100);
    }
}
