package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems and TransactGetItems through the low-level client. */
class TransactionsIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void tables() {
        Tables.hashTable(SERVER.client(), "Orders");
        Tables.compositeTable(SERVER.client(), "Lines");
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    private static Map<String, AttributeValue> item(String pk, String attribute, AttributeValue value) {
        return Map.of("pk", AttributeValue.fromS(pk), attribute, value);
    }

    private Map<String, AttributeValue> get(String pk) {
        return client.getItem(b -> b.tableName("Orders").key(key(pk))).item();
    }

    private static TransactWriteItem put(String pk, String condition) {
        return TransactWriteItem.builder().put(p -> p.tableName("Orders")
                .item(item(pk, "v", AttributeValue.fromS("new"))).conditionExpression(condition)).build();
    }

    private static TransactWriteItem check(String pk, String condition, boolean allOld) {
        return TransactWriteItem.builder().conditionCheck(c -> c.tableName("Orders").key(key(pk))
                .conditionExpression(condition).returnValuesOnConditionCheckFailure(
                        allOld ? ReturnValuesOnConditionCheckFailure.ALL_OLD : ReturnValuesOnConditionCheckFailure.NONE))
                .build();
    }

    private List<String> codes(TransactionCanceledException e) {
        return e.cancellationReasons().stream().map(CancellationReason::code).toList();
    }

    @Test
    void everyActionTypeAppliesTogetherAcrossTables() {
        client.putItem(b -> b.tableName("Orders").item(item("to-update", "n", AttributeValue.fromN("1"))));
        client.putItem(b -> b.tableName("Orders").item(item("to-delete", "n", AttributeValue.fromN("1"))));
        client.putItem(b -> b.tableName("Orders").item(item("to-check", "n", AttributeValue.fromN("1"))));
        client.transactWriteItems(b -> b.transactItems(
                put("to-put", "attribute_not_exists(pk)"),
                TransactWriteItem.builder().update(u -> u.tableName("Orders").key(key("to-update"))
                        .updateExpression("ADD n :one").expressionAttributeValues(Map.of(":one",
                                AttributeValue.fromN("1")))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName("Orders").key(key("to-delete"))).build(),
                check("to-check", "n = :one", false).toBuilder().conditionCheck(check("to-check", "n = :one", false)
                        .conditionCheck().toBuilder().expressionAttributeValues(Map.of(":one",
                                AttributeValue.fromN("1"))).build()).build(),
                TransactWriteItem.builder().put(p -> p.tableName("Lines").item(Map.of("pk", AttributeValue.fromS("l"),
                        "sk", AttributeValue.fromN("1")))).build()));
        assertThat(get("to-put")).containsEntry("v", AttributeValue.fromS("new"));
        assertThat(get("to-update")).containsEntry("n", AttributeValue.fromN("2"));
        assertThat(get("to-delete")).isEmpty();
        assertThat(get("to-check")).containsEntry("n", AttributeValue.fromN("1"));
        assertThat(client.getItem(b -> b.tableName("Lines").key(Map.of("pk", AttributeValue.fromS("l"),
                "sk", AttributeValue.fromN("1")))).hasItem()).isTrue();
    }

    @Test
    void failedConditionCancelsEverythingWithReasonsInRequestOrder() {
        client.putItem(b -> b.tableName("Orders").item(item("exists", "v", AttributeValue.fromS("old"))));
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(
                put("cancelled-put", null), put("exists", "attribute_not_exists(pk)"))))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Transaction cancelled, please refer "
                            + "cancellation reasons for specific reasons [None, ConditionalCheckFailed]");
                    assertThat(codes(e)).containsExactly("None", "ConditionalCheckFailed");
                    assertThat(e.cancellationReasons().get(1).message()).isEqualTo("The conditional request failed");
                    assertThat(e.cancellationReasons().get(1).hasItem()).isFalse();
                });
        assertThat(get("cancelled-put")).isEmpty();
        assertThat(get("exists")).containsEntry("v", AttributeValue.fromS("old"));
    }

    @Test
    void failedConditionCheckReturnsTheOldItemWhenAskedForAllOld() {
        client.putItem(b -> b.tableName("Orders").item(item("checked", "v", AttributeValue.fromS("seen"))));
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(
                check("checked", "attribute_not_exists(v)", true), check("absent", "attribute_exists(pk)", true))))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(codes(e)).containsExactly("ConditionalCheckFailed", "ConditionalCheckFailed");
                    assertThat(e.cancellationReasons().get(0).item())
                            .isEqualTo(item("checked", "v", AttributeValue.fromS("seen")));
                    assertThat(e.cancellationReasons().get(1).hasItem()).isFalse();
                });
    }

    @Test
    void invalidResultingItemIsAValidationErrorReason() {
        client.putItem(b -> b.tableName("Orders").item(item("text", "v", AttributeValue.fromS("not a number"))));
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().update(u -> u.tableName("Orders").key(key("text"))
                        .updateExpression("ADD v :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build(),
                put("untouched", null))))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(codes(e)).containsExactly("ValidationError", "None");
                    assertThat(e.cancellationReasons().get(0).message())
                            .isEqualTo("An operand in the update expression has an incorrect data type");
                });
        assertThat(get("untouched")).isEmpty();
    }

    @Test
    void sameItemTwiceIsRejected() {
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(
                put("twice", null), check("twice", "attribute_exists(pk)", false))))
                .isInstanceOfSatisfying(DynamoDbException.class, TransactionsIT::isValidation)
                .hasMessageContaining("Transaction request cannot include multiple operations on one item");
        assertThatThrownBy(() -> client.transactGetItems(b -> b.transactItems(getOrder("twice"), getOrder("twice"))))
                .isInstanceOfSatisfying(DynamoDbException.class, TransactionsIT::isValidation)
                .hasMessageContaining("Transaction request cannot include multiple operations on one item");
    }

    @Test
    void actionCountIsLimitedToOneHundred() {
        List<TransactWriteItem> items = new ArrayList<>();
        for (int i = 0; i <= 100; i++) {
            items.add(put("many-" + i, null));
        }
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(items)))
                .isInstanceOfSatisfying(DynamoDbException.class, TransactionsIT::isValidation)
                .hasMessageContaining("at 'transactItems' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 100");
        client.transactWriteItems(b -> b.transactItems(items.subList(0, 100)));
        assertThat(get("many-99")).isNotEmpty();
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(List.of())))
                .isInstanceOfSatisfying(DynamoDbException.class, TransactionsIT::isValidation)
                .hasMessageContaining("Member must have length greater than or equal to 1");
    }

    @Test
    void elementWithTwoActionsIsRejected() {
        TransactWriteItem both = put("both", null).toBuilder()
                .delete(d -> d.tableName("Orders").key(key("both"))).build();
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(both)))
                .isInstanceOfSatisfying(DynamoDbException.class, TransactionsIT::isValidation)
                .hasMessageContaining("TransactItems can only contain one of Check, Put, Update or Delete");
    }

    @Test
    void clientRequestTokenIsAtMost36Characters() {
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.clientRequestToken("x".repeat(37))
                .transactItems(put("token-length", null))))
                .isInstanceOfSatisfying(DynamoDbException.class, TransactionsIT::isValidation)
                .hasMessageContaining("at 'clientRequestToken' failed to satisfy constraint: "
                        + "Member must have length less than or equal to 36");
    }

    @Test
    void missingTableIsResourceNotFound() {
        assertThatThrownBy(() -> client.transactWriteItems(b -> b.transactItems(TransactWriteItem.builder()
                .put(p -> p.tableName("NoSuchTable").item(key("x"))).build())))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void repeatedClientRequestTokenAppliesOnce() {
        TransactWriteItemsRequest increment = TransactWriteItemsRequest.builder().clientRequestToken("token-1")
                .transactItems(TransactWriteItem.builder().update(u -> u.tableName("Orders").key(key("counter"))
                        .updateExpression("ADD n :one")
                        .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1")))).build())
                .build();
        client.transactWriteItems(increment);
        client.transactWriteItems(increment);
        assertThat(get("counter")).containsEntry("n", AttributeValue.fromN("1"));
        assertThatThrownBy(() -> client.transactWriteItems(increment.toBuilder()
                .transactItems(put("counter", null)).build()))
                .isInstanceOf(IdempotentParameterMismatchException.class);
    }

    @Test
    void cancelledTransactionDoesNotConsumeItsToken() {
        TransactWriteItemsRequest create = TransactWriteItemsRequest.builder().clientRequestToken("token-2")
                .transactItems(check("gate", "attribute_exists(pk)", false), put("gated", null)).build();
        assertThatThrownBy(() -> client.transactWriteItems(create)).isInstanceOf(TransactionCanceledException.class);
        client.putItem(b -> b.tableName("Orders").item(key("gate")));
        client.transactWriteItems(create);
        assertThat(get("gated")).isNotEmpty();
    }

    @Test
    void transactionalWritesCostTwiceTheStandardUnits() {
        AttributeValue fiveKb = AttributeValue.fromS("x".repeat(5 * 1024 - 10));
        List<TransactWriteItem> puts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            puts.add(TransactWriteItem.builder().put(p -> p.tableName("Orders")
                    .item(Map.of("pk", AttributeValue.fromS("big-" + puts.size()), "v", fiveKb))).build());
        }
        List<ConsumedCapacity> consumed = client.transactWriteItems(b -> b.transactItems(puts)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        // The Developer Guide: 3 transactional writes of 5 KB items need 3 x 2 x 5 = 30 WCU.
        assertThat(consumed).hasSize(1);
        assertThat(consumed.get(0).tableName()).isEqualTo("Orders");
        assertThat(consumed.get(0).capacityUnits()).isEqualTo(30.0);
        assertThat(consumed.get(0).writeCapacityUnits()).isEqualTo(30.0);
    }

    @Test
    void transactionalReadsCostTwiceTheStronglyConsistentUnits() {
        AttributeValue fiveKb = AttributeValue.fromS("x".repeat(5 * 1024 - 10));
        List<TransactGetItem> gets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String pk = "read-" + i;
            client.putItem(b -> b.tableName("Orders").item(Map.of("pk", AttributeValue.fromS(pk), "v", fiveKb)));
            gets.add(getOrder(pk));
        }
        List<ConsumedCapacity> consumed = client.transactGetItems(b -> b.transactItems(gets)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity();
        // The Developer Guide: 5 transactional reads of 5 KB items need 5 x 2 x 2 = 20 RCU.
        assertThat(consumed).hasSize(1);
        assertThat(consumed.get(0).capacityUnits()).isEqualTo(20.0);
        assertThat(consumed.get(0).readCapacityUnits()).isEqualTo(20.0);
    }

    @Test
    void transactGetItemsReturnsItemsInRequestOrderWithProjections() {
        client.putItem(b -> b.tableName("Orders").item(Map.of("pk", AttributeValue.fromS("g1"),
                "a", AttributeValue.fromS("A"), "b", AttributeValue.fromS("B"))));
        TransactGetItemsResponse r = client.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName("Orders").key(key("g1"))
                        .projectionExpression("#a").expressionAttributeNames(Map.of("#a", "a"))).build(),
                getOrder("missing")));
        assertThat(r.responses()).hasSize(2);
        assertThat(r.responses().get(0).item()).isEqualTo(Map.of("a", AttributeValue.fromS("A")));
        assertThat(r.responses().get(1).hasItem()).isFalse();
    }

    private static void isValidation(DynamoDbException e) {
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
    }

    private static TransactGetItem getOrder(String pk) {
        return TransactGetItem.builder().get(g -> g.tableName("Orders").key(key(pk))).build();
    }
}
