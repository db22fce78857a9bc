package io.dynarocks.engine.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.junit.Lifecycle;
import io.dynarocks.engine.EngineRequests;
import io.dynarocks.protocol.DynamoException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of whole requests: decoding, validation, expression resolution and execution of
 * the item, query and PartiQL actions against a table with a GSI and two items (one nested). Whatever the
 * body, the answer is a response or a client error (4xx) DynamoDB documents; a server error or any other
 * exception is a bug. Each input runs against a fresh in-memory engine, so a finding replays alone.
 */
class OperationFuzzTest {

    /** The actions the first byte chooses from; the seed inputs end with their index. */
    static final List<String> ACTIONS = List.of("PutItem", "GetItem", "UpdateItem", "DeleteItem", "Query", "Scan",
            "BatchGetItem", "BatchWriteItem", "TransactWriteItems", "TransactGetItems", "ExecuteStatement",
            "BatchExecuteStatement", "ExecuteTransaction");

    private EngineRequests engine;

    @BeforeEach
    void table() {
        engine = new EngineRequests();
        engine.call("CreateTable", """
                {"TableName":"tab","BillingMode":"PAY_PER_REQUEST",
                 "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                   {"AttributeName":"sk","AttributeType":"N"},{"AttributeName":"g","AttributeType":"S"}],
                 "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                 "GlobalSecondaryIndexes":[{"IndexName":"byG","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
                   "Projection":{"ProjectionType":"ALL"}}]}""");
        engine.call("PutItem", """
                {"TableName":"tab","Item":{"pk":{"S":"a"},"sk":{"N":"1"},"g":{"S":"x"},"n":{"N":"5"},
                 "m":{"M":{"l":{"L":[{"S":"v"},{"N":"2"},{"SS":["s1","s2"]}]},"b":{"B":"AAE="}}},
                 "ns":{"NS":["1","2"]},"bool":{"BOOL":true},"nul":{"NULL":true}}}""");
        engine.call("PutItem", """
                {"TableName":"tab","Item":{"pk":{"S":"a"},"sk":{"N":"2"},"s":{"S":"text"}}}""");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @DictionaryEntries({"{", "}", "[", "]", ":", ",", "\"", "null", "true", "false", "\"tab\"", "\"byG\"",
            "\"pk\"", "\"sk\"", "\"g\"", "\"m\"", "\"l\"", "{\"S\":\"a\"}", "{\"N\":\"1\"}", "{\"B\":\"AA==\"}",
            "{\"SS\":[\"a\"]}", "{\"NS\":[\"1\"]}", "{\"M\":{}}", "{\"L\":[]}", "{\"BOOL\":true}", "{\"NULL\":true}",
            "\"ConditionExpression\":", "\"UpdateExpression\":", "\"ExpressionAttributeNames\":",
            "\"ExpressionAttributeValues\":", "\"KeyConditionExpression\":", "\"ProjectionExpression\":",
            "\"FilterExpression\":", "\"ReturnValues\":\"ALL_NEW\"", "\"ReturnValues\":\"UPDATED_OLD\"", "\"Limit\":",
            "\"ExclusiveStartKey\":", "\"IndexName\":", "\"Select\":\"COUNT\"", "\"ScanIndexForward\":false",
            "\"RequestItems\":", "\"TransactItems\":", "\"Put\":", "\"Update\":", "\"Delete\":",
            "\"ConditionCheck\":", "\"Statement\":", "\"Parameters\":", "\"Expected\":", "\"AttributeUpdates\":",
            "\"KeyConditions\":", "\"QueryFilter\":", "\"ScanFilter\":", "\"AttributesToGet\":",
            "\"ComparisonOperator\":", "\"AttributeValueList\":", "\"Segment\":", "\"TotalSegments\":",
            "\"ReturnConsumedCapacity\":\"INDEXES\"", "\"ReturnValuesOnConditionCheckFailure\":\"ALL_OLD\"",
            "SET ", "REMOVE ", "ADD ", "DELETE ", " AND ", " OR ", "NOT ", "BETWEEN", " IN ", "size(",
            "attribute_exists(", "begins_with(", "contains(", "list_append(", "if_not_exists(", "m.l[1]", "#n", ":v",
            "SELECT * FROM tab WHERE ", "INSERT INTO tab VALUE ", "UPDATE tab SET ", "DELETE FROM tab WHERE "})
    @Timeout(10)
    @FuzzTest(maxDuration = "10s", lifecycle = Lifecycle.PER_EXECUTION)
    void requestsAreAnsweredOrRefusedWithClientErrors(FuzzedDataProvider data) {
        String action = ACTIONS.get(data.consumeInt(0, ACTIONS.size() - 1));
        byte[] body = data.consumeRemainingAsBytes();
        try {
            engine.call(action, body, null);
        } catch (DynamoException e) {
            if (e.status() >= 500) {
                throw new AssertionError(action + " answered " + e.type() + ": " + e.getMessage(), e);
            }
        }
    }
}
