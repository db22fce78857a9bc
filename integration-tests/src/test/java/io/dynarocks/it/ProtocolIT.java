package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The wire protocol itself: raw HTTP requests, as any SDK sends them. */
class ProtocolIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void table() {
        Tables.hashTable(SERVER.client(), "Wire");
    }

    private HttpResponse<String> post(String target, String body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(SERVER.endpoint())
                .header("Content-Type", "application/x-amz-json-1.0")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (target != null) {
            b.header("X-Amz-Target", target);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void malformedJsonIsSerializationException() throws Exception {
        HttpResponse<String> r = post("DynamoDB_20120810.GetItem", "{\"TableName\": ");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("\"__type\":\"com.amazon.coral.service#SerializationException\"")
                .contains("\"Message\":");
    }

    @Test
    void errorTypesCarryTheNamespaceDynamoDbUses() throws Exception {
        assertThat(post("DynamoDB_20120810.DescribeTable", "{\"TableName\": \"x\"}").body())
                .startsWith("{\"__type\":\"com.amazon.coral.validate#ValidationException\",\"message\":");
        assertThat(post("DynamoDB_20120810.FlyToTheMoon", "{}").body())
                .isEqualTo("{\"__type\":\"com.amazon.coral.service#UnknownOperationException\"}");
        assertThat(post("DynamoDB_20120810.DescribeTable", "{\"TableName\": \"Missing\"}").body())
                .startsWith("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":");
        post("DynamoDB_20120810.PutItem", "{\"TableName\":\"Wire\",\"Item\":{\"pk\":{\"S\":\"env\"}}}");
        assertThat(post("DynamoDB_20120810.PutItem", "{\"TableName\":\"Wire\",\"Item\":{\"pk\":{\"S\":\"env\"}},"
                + "\"ConditionExpression\":\"attribute_not_exists(pk)\"}").body())
                .isEqualTo("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                        + "\"message\":\"The conditional request failed\"}");
        assertThat(post("DynamoDB_20120810.TransactWriteItems", "{\"TransactItems\":[{\"ConditionCheck\":"
                + "{\"TableName\":\"Wire\",\"Key\":{\"pk\":{\"S\":\"env\"}},"
                + "\"ConditionExpression\":\"attribute_not_exists(pk)\"}}]}").body())
                .startsWith("{\"__type\":\"com.amazonaws.dynamodb.v20120810#TransactionCanceledException\","
                        + "\"Message\":\"Transaction cancelled");
    }

    @Test
    void wrongJsonTypeIsSerializationException() throws Exception {
        HttpResponse<String> r = post("DynamoDB_20120810.DescribeTable", "{\"TableName\": 5}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("SerializationException");
    }

    @Test
    void unknownActionIsUnknownOperationException() throws Exception {
        HttpResponse<String> r = post("DynamoDB_20120810.FlyToTheMoon", "{}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("UnknownOperationException");
        assertThat(post(null, "{}").body()).contains("UnknownOperationException");
    }

    @Test
    void missingTableNameIsReportedAlone() throws Exception {
        for (String action : new String[] {"DescribeTable", "DeleteTable", "CreateTable", "UpdateTable"}) {
            HttpResponse<String> r = post("DynamoDB_20120810." + action, "{}");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(r.body()).contains("ValidationException")
                    .contains("The parameter 'TableName' is required but was not present in the request");
        }
    }

    @Test
    void itemRequestsReportAMissingTableNameAmongTheOtherConstraints() throws Exception {
        HttpResponse<String> r = post("DynamoDB_20120810.GetItem", "{}");
        assertThat(r.body()).contains("2 validation errors detected: Value null at 'tableName' failed to satisfy "
                + "constraint: Member must not be null; Value null at 'key' failed to satisfy constraint: "
                + "Member must not be null");
    }

    @Test
    void constraintViolationsQuoteTheValue() throws Exception {
        HttpResponse<String> r = post("DynamoDB_20120810.ListTables", "{\"Limit\": 0}");
        assertThat(r.body()).contains("\"message\":\"1 validation error detected: Value '0' at 'limit' failed to "
                + "satisfy constraint: Member must have value greater than or equal to 1\"");
        HttpResponse<String> two = post("DynamoDB_20120810.ListTables",
                "{\"Limit\": 101, \"ExclusiveStartTableName\": \"a;\"}");
        assertThat(two.body()).contains("3 validation errors detected: ")
                .contains("Value 'a;' at 'exclusiveStartTableName' failed to satisfy constraint: Member must satisfy "
                        + "regular expression pattern: [a-zA-Z0-9_.-]+; ")
                .contains("Value '101' at 'limit' failed to satisfy constraint: Member must have value less than or "
                        + "equal to 100");
    }

    @Test
    void badAttributeValueWritesNothing() throws Exception {
        HttpResponse<String> r = post("DynamoDB_20120810.PutItem",
                "{\"TableName\":\"Wire\",\"Item\":{\"pk\":{\"S\":\"a\"},\"x\":{\"S\":\"1\",\"N\":\"1\"}}}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("Supplied AttributeValue has more than one datatypes set, must contain exactly "
                + "one of the supported datatypes");
        HttpResponse<String> get = post("DynamoDB_20120810.GetItem",
                "{\"TableName\":\"Wire\",\"Key\":{\"pk\":{\"S\":\"a\"}}}");
        assertThat(get.body()).isEqualTo("{}");
    }

    @Test
    void responsesCarryCrc32AndRequestId() throws Exception {
        HttpResponse<String> r = post("DynamoDB_20120810.ListTables", "{}");
        assertThat(r.statusCode()).isEqualTo(200);
        CRC32 crc = new CRC32();
        crc.update(r.body().getBytes(StandardCharsets.UTF_8));
        assertThat(r.headers().firstValue("x-amz-crc32")).hasValue(Long.toString(crc.getValue()));
        assertThat(r.headers().firstValue("x-amzn-RequestId")).isPresent();
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/x-amz-json-1.0");
    }

    @Test
    void acceptsJson11AndPlainJsonContentTypes() throws Exception {
        for (String type : new String[] {"application/x-amz-json-1.1", "application/json"}) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(SERVER.endpoint())
                    .header("Content-Type", type).header("X-Amz-Target", "DynamoDB_20120810.ListTables")
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("TableNames");
        }
    }

    @Test
    void getRootIsAHealthCheck() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(SERVER.endpoint() + "/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("healthy");
    }
}
