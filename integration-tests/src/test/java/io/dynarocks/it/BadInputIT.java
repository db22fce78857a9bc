package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every action answers malformed or ill-typed input with a client error, never a 500, and writes
 * nothing. (Unknown members are ignored, as DynamoDB ignores them, so a body can be valid for one
 * action and invalid for another: only unparseable bodies must fail everywhere.)
 */
class BadInputIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static final String[] ACTIONS = {
        "DynamoDB_20120810.CreateTable", "DynamoDB_20120810.DescribeTable",
        "DynamoDB_20120810.ListTables", "DynamoDB_20120810.UpdateTable", "DynamoDB_20120810.PutItem",
        "DynamoDB_20120810.GetItem", "DynamoDB_20120810.DeleteItem", "DynamoDB_20120810.UpdateItem",
        "DynamoDB_20120810.Query", "DynamoDB_20120810.Scan", "DynamoDB_20120810.BatchGetItem",
        "DynamoDB_20120810.BatchWriteItem", "DynamoDB_20120810.TransactWriteItems",
        "DynamoDB_20120810.TransactGetItems", "DynamoDB_20120810.UpdateTimeToLive",
        "DynamoDB_20120810.DescribeTimeToLive", "DynamoDBStreams_20120810.ListStreams",
        "DynamoDBStreams_20120810.DescribeStream", "DynamoDBStreams_20120810.GetShardIterator",
        "DynamoDBStreams_20120810.GetRecords",
    };

    private static final String[] UNPARSEABLE = {"", "{", "[]", "\"text\"", "{\"TableName\": \"Bad\",}",
        "{\"TableName\": \"Bad\"} trailing"};

    private static final String[] BODIES = {
        "{\"TableName\": 5}", "{\"TableName\": [\"Bad\"]}",
        "{\"TableName\": \"Bad\", \"Key\": {\"pk\": {\"S\": 1}}}",
        "{\"TableName\": \"Bad\", \"Item\": {\"pk\": {\"S\": \"a\"}, \"n\": {\"N\": \"1e999\"}}}",
        "{\"TableName\": \"Bad\", \"Item\": {\"pk\": {\"B\": \"!!!\"}}}",
        "{\"TableName\": \"Bad\", \"Key\": {\"pk\": {\"S\": \"a\"}}, \"UpdateExpression\": \"SET ((((a = :v\"}",
        "{\"TableName\": \"Bad\", \"KeyConditionExpression\": \"pk = :v\", \"Limit\": -1}",
        "{\"TableName\": \"Bad\", \"Segment\": 3, \"TotalSegments\": 2}",
        "{\"TableName\": \"Bad\", \"RequestItems\": {\"Bad\": [{}]}}",
        "{\"TransactItems\": [{\"Put\": {}}]}",
        "{\"RequestItems\": {\"Bad\": {\"Keys\": []}}}",
        "{\"StreamArn\": \"arn:aws:dynamodb:us-east-1:000000000000:table/Bad/stream/x\", \"ShardId\": 7}",
        "{\"ShardIterator\": \"not-an-iterator\"}",
        "{\"TableName\": \"Bad\", \"TimeToLiveSpecification\": {\"Enabled\": \"yes\"}}",
        "{\"TableName\": \"Bad\", \"AttributeDefinitions\": [{\"AttributeName\": \"pk\", \"AttributeType\": \"X\"}], "
                + "\"KeySchema\": [{\"AttributeName\": \"pk\", \"KeyType\": \"HASH\"}], \"BillingMode\": \"PAY_PER_REQUEST\"}",
    };

    @BeforeAll
    static void table() {
        Tables.hashTable(SERVER.client(), "Bad");
    }

    @Test
    void malformedInputIsAClientErrorForEveryAction() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        List<String> wrong = new ArrayList<>();
        for (String action : ACTIONS) {
            for (String body : UNPARSEABLE) {
                HttpResponse<String> r = send(http, action, body);
                if (r.statusCode() != 400 || !r.body().contains("SerializationException")) {
                    wrong.add(action + " " + body + " -> " + r.statusCode() + " " + r.body());
                }
            }
            for (String body : BODIES) {
                HttpResponse<String> r = send(http, action, body);
                if (r.statusCode() >= 500) {
                    wrong.add(action + " " + body + " -> " + r.statusCode() + " " + r.body());
                }
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(SERVER.client().scan(b -> b.tableName("Bad")).count()).isZero();
        assertThat(SERVER.client().listTables().tableNames()).containsExactly("Bad");
    }

    private static HttpResponse<String> send(HttpClient http, String action, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(SERVER.endpoint())
                .header("Content-Type", "application/x-amz-json-1.0").header("X-Amz-Target", action)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
