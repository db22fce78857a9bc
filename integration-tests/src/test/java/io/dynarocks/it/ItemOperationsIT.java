package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

class ItemOperationsIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void tables() {
        Tables.hashTable(SERVER.client(), "Items");
        Tables.compositeTable(SERVER.client(), "Composite");
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    private Map<String, AttributeValue> get(String pk) {
        return client.getItem(b -> b.tableName("Items").key(key(pk)).consistentRead(true)).item();
    }

    @Test
    void everyAttributeTypeRoundTrips() {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", AttributeValue.fromS("types"));
        item.put("s", AttributeValue.fromS("text ✓"));
        item.put("n", AttributeValue.fromN("12345678901234567890123456789012345678"));
        item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 0xFF})));
        item.put("ss", AttributeValue.fromSs(List.of("a", "b")));
        item.put("ns", AttributeValue.fromNs(List.of("1", "-2.5")));
        item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("x"), SdkBytes.fromUtf8String("y"))));
        item.put("bool", AttributeValue.fromBool(true));
        item.put("null", AttributeValue.fromNul(true));
        item.put("m", AttributeValue.fromM(Map.of("inner", AttributeValue.fromL(List.of(
                AttributeValue.fromN("1"), AttributeValue.fromM(Map.of("deep", AttributeValue.fromS("v"))))))));
        item.put("l", AttributeValue.fromL(List.of(AttributeValue.fromS("x"), AttributeValue.fromBool(false))));
        item.put("emptyString", AttributeValue.fromS(""));
        client.putItem(b -> b.tableName("Items").item(item));
        assertThat(get("types")).isEqualTo(item);
    }

    @Test
    void numbersComeBackInCanonicalForm() {
        client.putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromS("numbers"),
                "a", AttributeValue.fromN("1.0"), "b", AttributeValue.fromN("01"), "c", AttributeValue.fromN("1e0"),
                "d", AttributeValue.fromN("-0.000100"), "e", AttributeValue.fromN("1E+125"))));
        Map<String, AttributeValue> item = get("numbers");
        assertThat(item.get("a").n()).isEqualTo("1");
        assertThat(item.get("b").n()).isEqualTo("1");
        assertThat(item.get("c").n()).isEqualTo("1");
        assertThat(item.get("d").n()).isEqualTo("-0.0001");
        assertThat(item.get("e").n()).isEqualTo("1" + "0".repeat(125));
    }

    @Test
    void numberWithMoreThan38DigitsIsRejected() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromS("x"),
                "n", AttributeValue.fromN("123456789012345678901234567890123456789")))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("Attempting to store more than 38 significant digits in a Number");
    }

    @Test
    void numberOutOfRangeIsRejected() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromS("x"),
                "n", AttributeValue.fromN("1E+126")))))
                .hasMessageStartingWith("Number overflow. Attempting to store a number with magnitude larger than "
                        + "supported range");
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromS("x"),
                "n", AttributeValue.fromN("1E-131")))))
                .hasMessageStartingWith("Number underflow. Attempting to store a number with magnitude smaller than "
                        + "supported range");
    }

    @Test
    void notANumberIsRejected() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromS("x"),
                "n", AttributeValue.fromN("abc")))))
                .hasMessageStartingWith("The parameter cannot be converted to a numeric value: abc");
    }

    @Test
    void putReturnsOldItemWhenAsked() {
        client.putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromS("rv"), "v", AttributeValue.fromN("1"))));
        PutItemResponse r = client.putItem(b -> b.tableName("Items").returnValues(ReturnValue.ALL_OLD)
                .item(Map.of("pk", AttributeValue.fromS("rv"), "v", AttributeValue.fromN("2"))));
        assertThat(r.attributes()).containsEntry("v", AttributeValue.fromN("1"));
        PutItemResponse none = client.putItem(b -> b.tableName("Items")
                .item(Map.of("pk", AttributeValue.fromS("rv"), "v", AttributeValue.fromN("3"))));
        assertThat(none.hasAttributes()).isFalse();
    }

    @Test
    void putOnlyAcceptsAllOldOrNone() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Items").returnValues(ReturnValue.ALL_NEW)
                .item(key("x"))))
                .hasMessageStartingWith("ReturnValues can only be ALL_OLD or NONE");
    }

    @Test
    void deleteReturnsOldItemAndRemovesIt() {
        client.putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromS("del"), "v", AttributeValue.fromS("x"))));
        Map<String, AttributeValue> old = client.deleteItem(b -> b.tableName("Items").key(key("del"))
                .returnValues(ReturnValue.ALL_OLD)).attributes();
        assertThat(old).containsEntry("v", AttributeValue.fromS("x"));
        assertThat(client.getItem(b -> b.tableName("Items").key(key("del"))).hasItem()).isFalse();
        assertThat(client.deleteItem(b -> b.tableName("Items").key(key("del"))
                .returnValues(ReturnValue.ALL_OLD)).hasAttributes()).isFalse();
    }

    @Test
    void getItemProjectsTopLevelAttributes() {
        client.putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromS("proj"),
                "a", AttributeValue.fromS("1"), "b", AttributeValue.fromS("2"), "c", AttributeValue.fromS("3"))));
        GetItemResponse projected = client.getItem(b -> b.tableName("Items").key(key("proj"))
                .projectionExpression("a, #c").expressionAttributeNames(Map.of("#c", "c")));
        assertThat(projected.item()).containsOnlyKeys("a", "c");
        GetItemResponse legacy = client.getItem(b -> b.tableName("Items").key(key("proj")).attributesToGet("b"));
        assertThat(legacy.item()).containsOnlyKeys("b");
    }

    @Test
    void updateItemSetsAndRemovesAttributes() {
        client.putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromS("upd"),
                "a", AttributeValue.fromS("1"), "gone", AttributeValue.fromS("x"))));
        UpdateItemResponse r = client.updateItem(b -> b.tableName("Items").key(key("upd"))
                .updateExpression("SET a = :a, b = :b REMOVE gone")
                .expressionAttributeValues(Map.of(":a", AttributeValue.fromS("2"), ":b", AttributeValue.fromN("7")))
                .returnValues(ReturnValue.ALL_NEW));
        assertThat(r.attributes()).isEqualTo(Map.of("pk", AttributeValue.fromS("upd"), "a", AttributeValue.fromS("2"),
                "b", AttributeValue.fromN("7")));
        assertThat(get("upd")).isEqualTo(r.attributes());
    }

    @Test
    void updateItemCreatesMissingItemAndReportsUpdatedValues() {
        UpdateItemResponse created = client.updateItem(b -> b.tableName("Items").key(key("fresh"))
                .updateExpression("SET a = :a").expressionAttributeValues(Map.of(":a", AttributeValue.fromS("v")))
                .returnValues(ReturnValue.UPDATED_NEW));
        assertThat(created.attributes()).isEqualTo(Map.of("a", AttributeValue.fromS("v")));
        UpdateItemResponse old = client.updateItem(b -> b.tableName("Items").key(key("fresh"))
                .updateExpression("SET a = :a").expressionAttributeValues(Map.of(":a", AttributeValue.fromS("w")))
                .returnValues(ReturnValue.UPDATED_OLD));
        assertThat(old.attributes()).isEqualTo(Map.of("a", AttributeValue.fromS("v")));
    }

    @Test
    void updatingAKeyAttributeIsRejected() {
        assertThatThrownBy(() -> client.updateItem(b -> b.tableName("Items").key(key("k"))
                .updateExpression("SET pk = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromS("z")))))
                .hasMessageStartingWith("One or more parameter values were invalid: Cannot update attribute pk. "
                        + "This attribute is part of the key");
    }

    @Test
    void conditionalPutFailsWhenItemExists() {
        client.putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromS("cond"), "v", AttributeValue.fromN("1"))));
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Items")
                .item(Map.of("pk", AttributeValue.fromS("cond"), "v", AttributeValue.fromN("2")))
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)))
                .isInstanceOfSatisfying(ConditionalCheckFailedException.class, e -> {
                    assertThat(e.getMessage()).startsWith("The conditional request failed");
                    assertThat(e.item()).containsEntry("v", AttributeValue.fromN("1"));
                });
        assertThat(get("cond")).containsEntry("v", AttributeValue.fromN("1"));
    }

    @Test
    void consumedCapacityFollowsDynamoDbRounding() {
        String big = "x".repeat(5000);
        var put = client.putItem(b -> b.tableName("Items").returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .item(Map.of("pk", AttributeValue.fromS("cap"), "data", AttributeValue.fromS(big))));
        assertThat(put.consumedCapacity().capacityUnits()).isEqualTo(5.0);
        assertThat(put.consumedCapacity().tableName()).isEqualTo("Items");
        var eventual = client.getItem(b -> b.tableName("Items").key(key("cap"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(eventual.consumedCapacity().capacityUnits()).isEqualTo(1.0);
        var strong = client.getItem(b -> b.tableName("Items").key(key("cap")).consistentRead(true)
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(strong.consumedCapacity().capacityUnits()).isEqualTo(2.0);
        var missing = client.getItem(b -> b.tableName("Items").key(key("nothing"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(missing.consumedCapacity().capacityUnits()).isEqualTo(0.5);
        var delete = client.deleteItem(b -> b.tableName("Items").key(key("cap"))
                .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES));
        assertThat(delete.consumedCapacity().capacityUnits()).isEqualTo(5.0);
        assertThat(delete.consumedCapacity().table().capacityUnits()).isEqualTo(5.0);
    }

    @Test
    void compositeKeysAddressSeparateItems() {
        for (int i = 0; i < 3; i++) {
            String n = Integer.toString(i);
            client.putItem(b -> b.tableName("Composite").item(Map.of("pk", AttributeValue.fromS("p"),
                    "sk", AttributeValue.fromN(n), "v", AttributeValue.fromN(n))));
        }
        Map<String, AttributeValue> one = client.getItem(b -> b.tableName("Composite")
                .key(Map.of("pk", AttributeValue.fromS("p"), "sk", AttributeValue.fromN("1.0")))).item();
        assertThat(one).containsEntry("v", AttributeValue.fromN("1"));
    }

    @Test
    void missingKeyAttributeInItemIsRejected() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Items").item(Map.of("other", AttributeValue.fromS("x")))))
                .hasMessageStartingWith("One or more parameter values were invalid: Missing the key pk in the item");
    }

    @Test
    void wrongKeyTypeInItemIsRejected() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromN("1")))))
                .hasMessageStartingWith("One or more parameter values were invalid: Type mismatch for key pk "
                        + "expected: S actual: N");
    }

    @Test
    void emptyStringKeyIsRejected() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Items").item(key(""))))
                .hasMessageStartingWith("One or more parameter values are not valid. The AttributeValue for a key "
                        + "attribute cannot contain an empty string value. Key: pk");
    }

    @Test
    void keyWithExtraAttributesDoesNotMatchSchema() {
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("Items")
                .key(Map.of("pk", AttributeValue.fromS("a"), "x", AttributeValue.fromS("b")))))
                .hasMessageStartingWith("The provided key element does not match the schema");
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("Items").key(Map.of("pk", AttributeValue.fromN("1")))))
                .hasMessageStartingWith("The provided key element does not match the schema");
    }

    @Test
    void oversizedItemIsRejectedAndNotWritten() {
        String big = "x".repeat(400 * 1024);
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Items")
                .item(Map.of("pk", AttributeValue.fromS("big"), "data", AttributeValue.fromS(big)))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("Item size has exceeded the maximum allowed size");
        assertThat(client.getItem(b -> b.tableName("Items").key(key("big"))).hasItem()).isFalse();
    }

    @Test
    void emptyAndDuplicateSetsAreRejected() {
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromS("s"),
                "ss", AttributeValue.fromSs(List.of())))))
                .hasMessageStartingWith("One or more parameter values were invalid: An string set  may not be empty");
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("Items").item(Map.of("pk", AttributeValue.fromS("s"),
                "ss", AttributeValue.fromSs(List.of("a", "a"))))))
                .hasMessageStartingWith("One or more parameter values were invalid: Input collection [a, a] contains "
                        + "duplicates.");
    }

    @Test
    void unknownTableIsResourceNotFound() {
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("NoSuchTable").key(key("a"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found");
        assertThatThrownBy(() -> client.putItem(b -> b.tableName("NoSuchTable").item(key("a"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
