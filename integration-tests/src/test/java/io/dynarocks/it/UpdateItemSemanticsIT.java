package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeAction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.AttributeValueUpdate;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;

/** UpdateItem semantics beyond the expression language: missing items, arithmetic limits, function nesting. */
class UpdateItemSemanticsIT {

    static StreamServer server;
    static DynamoDbClient db;
    static String streamArn;

    @BeforeAll
    static void start() {
        server = new StreamServer(DynaRocks.builder().inMemory().port(0));
        db = server.db();
        streamArn = server.streamTable("Upd", StreamViewType.NEW_AND_OLD_IMAGES);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", s(pk));
    }

    private static List<String> recordKeys() {
        return StreamClients.all(server.streams(), streamArn).stream()
                .map(Record::dynamodb).map(r -> r.keys().get("pk").s()).toList();
    }

    @Test
    void removingFromAMissingItemCreatesNothingAndWritesNoStreamRecord() {
        var removed = db.updateItem(b -> b.tableName("Upd").key(key("gone-1")).updateExpression("REMOVE a, b")
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(removed.hasAttributes()).isFalse();
        var deleted = db.updateItem(b -> b.tableName("Upd").key(key("gone-2")).updateExpression("DELETE s :v")
                .expressionAttributeValues(Map.of(":v", AttributeValue.fromSs(List.of("x"))))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(deleted.hasAttributes()).isFalse();
        db.updateItem(b -> b.tableName("Upd").key(key("gone-3")).attributeUpdates(Map.of("a",
                AttributeValueUpdate.builder().action(AttributeAction.DELETE).build())));
        for (String pk : List.of("gone-1", "gone-2", "gone-3")) {
            assertThat(db.getItem(b -> b.tableName("Upd").key(key(pk))).hasItem()).isFalse();
        }
        assertThat(recordKeys()).doesNotContain("gone-1", "gone-2", "gone-3");
    }

    @Test
    void anUpdateWithoutActionsStillCreatesTheItemWithItsKey() {
        var created = db.updateItem(b -> b.tableName("Upd").key(key("bare")).returnValues(ReturnValue.ALL_NEW));
        assertThat(created.attributes()).isEqualTo(key("bare"));
        var legacy = db.updateItem(b -> b.tableName("Upd").key(key("bare-legacy")).attributeUpdates(Map.of())
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(legacy.attributes()).isEqualTo(key("bare-legacy"));
        assertThat(recordKeys()).contains("bare", "bare-legacy");
    }

    @Test
    void removingFromAnExistingItemStillUpdatesIt() {
        db.putItem(b -> b.tableName("Upd").item(Map.of("pk", s("present"), "a", n("1"), "b", n("2"))));
        var after = db.updateItem(b -> b.tableName("Upd").key(key("present")).updateExpression("REMOVE a")
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(after.attributes()).isEqualTo(Map.of("pk", s("present"), "b", n("2")));
    }

    @Test
    void arithmeticNeedingMoreThan38DigitsIsRejectedAsDynamoDbReportsIt() {
        for (String expression : List.of("SET x = :big + :one", "SET x = :big - :one")) {
            assertThatThrownBy(() -> db.updateItem(b -> b.tableName("Upd").key(key("precise"))
                    .updateExpression(expression)
                    .expressionAttributeValues(Map.of(":big", n("1E50"), ":one", n("1")))))
                    .isInstanceOf(DynamoDbException.class)
                    .hasMessageStartingWith(
                            "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        db.putItem(b -> b.tableName("Upd").item(Map.of("pk", s("counter"), "c", n("1E50"))));
        assertThatThrownBy(() -> db.updateItem(b -> b.tableName("Upd").key(key("counter")).updateExpression("ADD c :one")
                .expressionAttributeValues(Map.of(":one", n("1")))))
                .hasMessageStartingWith("Number overflow.");
        assertThat(new BigDecimal(db.getItem(b -> b.tableName("Upd").key(key("counter"))).item().get("c").n()))
                .isEqualByComparingTo("1E50");
        var exact = db.updateItem(b -> b.tableName("Upd").key(key("precise")).updateExpression("SET x = :a + :b")
                .expressionAttributeValues(Map.of(":a", n("10000000000000000000000"), ":b", n("1")))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertThat(exact.attributes().get("x")).isEqualTo(n("10000000000000000000001"));
    }

    @Test
    void functionsNestInsideFunctionsButArithmeticDoesNotNest() {
        var nested = db.updateItem(b -> b.tableName("Upd").key(key("lists"))
                .updateExpression("SET l = list_append(if_not_exists(l, :empty), :v), "
                        + "m = if_not_exists(m, list_append(:v, :v)), c = if_not_exists(c, :zero) + :one")
                .expressionAttributeValues(Map.of(":empty", AttributeValue.fromL(List.of()),
                        ":v", AttributeValue.fromL(List.of(n("1"))), ":zero", n("0"), ":one", n("1")))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        assertThat(nested.get("l").l()).containsExactly(n("1"));
        assertThat(nested.get("m").l()).containsExactly(n("1"), n("1"));
        assertThat(nested.get("c")).isEqualTo(n("1"));
        for (String expression : List.of("SET c = :one + :one + :one", "SET c = (:one + :one) + :one",
                "SET l = list_append(:one + :one, :one)", "SET c = if_not_exists(c, :one + :one)")) {
            assertThatThrownBy(() -> db.updateItem(b -> b.tableName("Upd").key(key("lists"))
                    .updateExpression(expression).expressionAttributeValues(Map.of(":one", n("1")))))
                    .isInstanceOf(DynamoDbException.class)
                    .hasMessageStartingWith("Invalid UpdateExpression: Syntax error; token: ");
        }
        var parenthesized = db.updateItem(b -> b.tableName("Upd").key(key("lists"))
                .updateExpression("SET c = (:one + :one), d = (:one) - (:one)")
                .expressionAttributeValues(Map.of(":one", n("1"))).returnValues(ReturnValue.UPDATED_NEW));
        assertThat(parenthesized.attributes()).isEqualTo(Map.of("c", n("2"), "d", n("0")));
    }
}
