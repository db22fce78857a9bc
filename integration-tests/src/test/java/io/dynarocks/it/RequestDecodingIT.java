package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How request bodies are decoded before anything runs: the body's shape, JSON and base64 errors,
 * attribute name sizes, key limits and nesting. Raw HTTP, since an SDK will not send most of these.
 */
class RequestDecodingIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static final String PUT = "DynamoDB_20120810.PutItem";
    private static final String GET = "DynamoDB_20120810.GetItem";
    private static final String SERIALIZATION = "\"__type\":\"com.amazon.coral.service#SerializationException\"";
    private static final String VALIDATION = "\"__type\":\"com.amazon.coral.validate#ValidationException\"";

    @BeforeAll
    static void tables() throws IOException {
        Tables.hashTable(SERVER.client(), "Dec");
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            RawHttp.Response r = http.post("DynamoDB_20120810.CreateTable", """
                    {"TableName":"DecIdx","BillingMode":"PAY_PER_REQUEST",
                     "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"},
                       {"AttributeName":"sk","AttributeType":"S"},{"AttributeName":"g","AttributeType":"S"},
                       {"AttributeName":"l","AttributeType":"S"}],
                     "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},{"AttributeName":"sk","KeyType":"RANGE"}],
                     "GlobalSecondaryIndexes":[{"IndexName":"Gsi","KeySchema":[{"AttributeName":"g","KeyType":"HASH"}],
                       "Projection":{"ProjectionType":"ALL"}}],
                     "LocalSecondaryIndexes":[{"IndexName":"Lsi","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"},
                       {"AttributeName":"l","KeyType":"RANGE"}],"Projection":{"ProjectionType":"ALL"}}]}""");
            assertThat(r.status()).as(r.text()).isEqualTo(200);
        }
    }

    private static RawHttp.Response post(String target, String body) throws IOException {
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            return http.post(target, body);
        }
    }

    private static boolean exists(String table, String key) throws IOException {
        return post(GET, "{\"TableName\":\"" + table + "\",\"Key\":" + key + "}").text().contains("Item");
    }

    @Test
    void theBodyMustBeAJsonObject() throws IOException {
        for (String body : new String[] {"null", "[]", "5", "\"text\"", "true", "[{\"TableName\":\"Dec\"}]"}) {
            RawHttp.Response r = post("DynamoDB_20120810.DescribeTable", body);
            assertThat(r.status()).as(body).isEqualTo(400);
            assertThat(r.text()).as(body).contains(SERIALIZATION).contains("\"Message\":");
        }
    }

    @Test
    void jsonParseErrorsEndWithThePosition() throws IOException {
        RawHttp.Response r = post("DynamoDB_20120810.DescribeTable", "{\"TableName\": }");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains(SERIALIZATION).containsPattern("\"Message\":\"[^\"]+ at 15\"");
    }

    @Test
    void invalidBase64IsASerializationExceptionAndWritesNothing() throws IOException {
        String[][] cases = {
            {"YQ", "Base64 encoded length is expected a multiple of 4 bytes but found: 2"},
            {"Y!==", "Invalid Base64 character: '!'"},
            {"Y=Q=", "Invalid Base64 character: '='"},
            {"YR==", "Invalid last non-pad Base64 character dectected"},
        };
        for (String[] c : cases) {
            RawHttp.Response r = post(PUT, "{\"TableName\":\"Dec\",\"Item\":{\"pk\":{\"S\":\"b64\"},\"b\":{\"B\":\""
                    + c[0] + "\"}}}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).contains(SERIALIZATION)
                    .contains("'" + c[0] + "' can not be converted to a Blob: " + c[1]);
            RawHttp.Response set = post(PUT, "{\"TableName\":\"Dec\",\"Item\":{\"pk\":{\"S\":\"b64\"},"
                    + "\"bs\":{\"BS\":[\"AQ==\",\"" + c[0] + "\"]}}}");
            assertThat(set.text()).contains(SERIALIZATION);
        }
        assertThat(exists("Dec", "{\"pk\":{\"S\":\"b64\"}}")).isFalse();
        assertThat(post(PUT, "{\"TableName\":\"Dec\",\"Item\":{\"pk\":{\"S\":\"b64\"},\"b\":{\"B\":\"YQ==\"}}}")
                .status()).isEqualTo(200);
    }

    @Test
    void attributeNamesUpTo65535BytesAreAcceptedAndOneMoreIsAValidationException() throws IOException {
        String longest = "a".repeat(65_535);
        RawHttp.Response ok = post(PUT, "{\"TableName\":\"Dec\",\"Item\":{\"pk\":{\"S\":\"names\"},\"" + longest
                + "\":{\"S\":\"v\"}}}");
        assertThat(ok.status()).as(ok.text()).isEqualTo(200);
        assertThat(post(GET, "{\"TableName\":\"Dec\",\"Key\":{\"pk\":{\"S\":\"names\"}}}").text()).contains(longest);
        // Multi-byte characters count by their UTF-8 bytes: 21,846 three-byte characters are 65,538 bytes.
        for (String tooLong : new String[] {longest + "a", "\u20ac".repeat(21_846)}) {
            RawHttp.Response r = post(PUT, "{\"TableName\":\"Dec\",\"Item\":{\"pk\":{\"S\":\"names2\"},\"" + tooLong
                    + "\":{\"S\":\"v\"}}}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).contains(VALIDATION).contains("65535");
        }
        assertThat(exists("Dec", "{\"pk\":{\"S\":\"names2\"}}")).isFalse();
    }

    @Test
    void emptyAttributeNamesAreRejected() throws IOException {
        RawHttp.Response item = post(PUT, "{\"TableName\":\"Dec\",\"Item\":{\"pk\":{\"S\":\"empty\"},\"\":{\"S\":\"v\"}}}");
        assertThat(item.status()).isEqualTo(400);
        assertThat(item.text()).contains(VALIDATION).contains("empty");
        RawHttp.Response names = post(GET, "{\"TableName\":\"Dec\",\"Key\":{\"pk\":{\"S\":\"x\"}},"
                + "\"ProjectionExpression\":\"#a\",\"ExpressionAttributeNames\":{\"#a\":\"\"}}");
        assertThat(names.text()).contains(VALIDATION)
                .contains("ExpressionAttributeNames contains invalid value: Empty attribute name for key #a");
        assertThat(exists("Dec", "{\"pk\":{\"S\":\"empty\"}}")).isFalse();
    }

    @Test
    void keyAttributeNamesLongerThan255CharactersAreRejected() throws IOException {
        String name = "k".repeat(256);
        RawHttp.Response table = post("DynamoDB_20120810.CreateTable", "{\"TableName\":\"DecLong\","
                + "\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":[{\"AttributeName\":\"" + name
                + "\",\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"" + name + "\",\"KeyType\":\"HASH\"}]}");
        assertThat(table.status()).isEqualTo(400);
        assertThat(table.text()).contains(VALIDATION)
                .contains("at 'keySchema.1.member.attributeName' failed to satisfy constraint: Member must have "
                        + "length less than or equal to 255")
                .contains("at 'attributeDefinitions.1.member.attributeName' failed to satisfy constraint: Member must "
                        + "have length less than or equal to 255");
        RawHttp.Response index = post("DynamoDB_20120810.CreateTable", "{\"TableName\":\"DecLong\","
                + "\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
                + "\"AttributeType\":\"S\"},{\"AttributeName\":\"" + name + "\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],\"GlobalSecondaryIndexes\":[{"
                + "\"IndexName\":\"Gsi\",\"KeySchema\":[{\"AttributeName\":\"" + name + "\",\"KeyType\":\"HASH\"}],"
                + "\"Projection\":{\"ProjectionType\":\"ALL\"}}]}");
        assertThat(index.text()).contains(VALIDATION).contains("at 'globalSecondaryIndexes.1.member.keySchema.1.member"
                + ".attributeName' failed to satisfy constraint: Member must have length less than or equal to 255");
        RawHttp.Response update = post("DynamoDB_20120810.UpdateTable", "{\"TableName\":\"Dec\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"" + name + "\",\"AttributeType\":\"S\"}],"
                + "\"GlobalSecondaryIndexUpdates\":[{\"Create\":{\"IndexName\":\"Gsi\",\"KeySchema\":[{\"AttributeName\":\""
                + name + "\",\"KeyType\":\"HASH\"}],\"Projection\":{\"ProjectionType\":\"ALL\"}}}]}");
        assertThat(update.text()).contains(VALIDATION).contains("at 'globalSecondaryIndexUpdates.1.member.create."
                + "keySchema.1.member.attributeName' failed to satisfy constraint: Member must have length less than "
                + "or equal to 255");
        assertThat(post("DynamoDB_20120810.DescribeTable", "{\"TableName\":\"DecLong\"}").text())
                .contains("ResourceNotFoundException");
    }

    @Test
    void keyValuesOverTheirSizeLimitsAreRejectedAlsoForIndexKeys() throws IOException {
        String big = "x".repeat(2049);
        String[] items = {
            "{\"pk\":{\"S\":\"" + big + "\"},\"sk\":{\"S\":\"s\"}}",
            "{\"pk\":{\"S\":\"k1\"},\"sk\":{\"S\":\"" + "x".repeat(1025) + "\"}}",
            "{\"pk\":{\"S\":\"k2\"},\"sk\":{\"S\":\"s\"},\"g\":{\"S\":\"" + big + "\"}}",
            "{\"pk\":{\"S\":\"k3\"},\"sk\":{\"S\":\"s\"},\"l\":{\"S\":\"" + "x".repeat(1025) + "\"}}",
        };
        for (String item : items) {
            RawHttp.Response r = post(PUT, "{\"TableName\":\"DecIdx\",\"Item\":" + item + "}");
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.text()).contains(VALIDATION).containsPattern("(2048|1024) bytes");
        }
        RawHttp.Response update = post("DynamoDB_20120810.UpdateItem", "{\"TableName\":\"DecIdx\",\"Key\":"
                + "{\"pk\":{\"S\":\"k4\"},\"sk\":{\"S\":\"s\"}},\"UpdateExpression\":\"SET g = :g\","
                + "\"ExpressionAttributeValues\":{\":g\":{\"S\":\"" + big + "\"}}}");
        assertThat(update.status()).isEqualTo(400);
        assertThat(update.text()).contains(VALIDATION).contains("2048 bytes");
        for (String k : new String[] {"k2", "k3", "k4"}) {
            assertThat(exists("DecIdx", "{\"pk\":{\"S\":\"" + k + "\"},\"sk\":{\"S\":\"s\"}}")).isFalse();
        }
        String fits = "{\"pk\":{\"S\":\"k5\"},\"sk\":{\"S\":\"s\"},\"g\":{\"S\":\"" + "x".repeat(2048) + "\"},"
                + "\"l\":{\"S\":\"" + "x".repeat(1024) + "\"}}";
        assertThat(post(PUT, "{\"TableName\":\"DecIdx\",\"Item\":" + fits + "}").status()).isEqualTo(200);
    }

    private static String nested(int maps) {
        String value = "{\"S\":\"leaf\"}";
        for (int i = 0; i < maps; i++) {
            value = "{\"M\":{\"a\":" + value + "}}";
        }
        return value;
    }

    @Test
    void documentsMayNestUpTo32Levels() throws IOException {
        // The item is level 1, so a top-level attribute may hold 31 nested maps.
        assertThat(post(PUT, "{\"TableName\":\"Dec\",\"Item\":{\"pk\":{\"S\":\"deep\"},\"d\":" + nested(31) + "}}")
                .status()).isEqualTo(200);
        RawHttp.Response tooDeep = post(PUT, "{\"TableName\":\"Dec\",\"Item\":{\"pk\":{\"S\":\"deeper\"},\"d\":"
                + nested(32) + "}}");
        assertThat(tooDeep.status()).isEqualTo(400);
        assertThat(tooDeep.text()).contains(VALIDATION).contains("Nesting Levels have exceeded supported limits");
        assertThat(exists("Dec", "{\"pk\":{\"S\":\"deeper\"}}")).isFalse();
        RawHttp.Response inValues = post("DynamoDB_20120810.UpdateItem", "{\"TableName\":\"Dec\",\"Key\":"
                + "{\"pk\":{\"S\":\"deep2\"}},\"UpdateExpression\":\"SET d = :d\",\"ExpressionAttributeValues\":"
                + "{\":d\":" + nested(32) + "}}");
        assertThat(inValues.text()).contains(VALIDATION).contains("Nesting Levels have exceeded supported limits");
    }

    @Test
    void documentPathsInExpressionsMayNestUpTo32Levels() throws IOException {
        String ok = "a" + ".b".repeat(31);
        String tooDeep = ok + ".c";
        assertThat(post(GET, "{\"TableName\":\"Dec\",\"Key\":{\"pk\":{\"S\":\"x\"}},\"ProjectionExpression\":\""
                + ok + "\"}").status()).isEqualTo(200);
        RawHttp.Response projection = post(GET, "{\"TableName\":\"Dec\",\"Key\":{\"pk\":{\"S\":\"x\"}},"
                + "\"ProjectionExpression\":\"" + tooDeep + "\"}");
        assertThat(projection.text()).contains(VALIDATION).contains("Invalid ProjectionExpression: The document "
                + "path has too many nesting levels; nesting levels: 33");
        RawHttp.Response update = post("DynamoDB_20120810.UpdateItem", "{\"TableName\":\"Dec\",\"Key\":"
                + "{\"pk\":{\"S\":\"x\"}},\"UpdateExpression\":\"REMOVE " + tooDeep + "\"}");
        assertThat(update.text()).contains(VALIDATION).contains("Invalid UpdateExpression: The document path has too "
                + "many nesting levels");
        RawHttp.Response condition = post("DynamoDB_20120810.DeleteItem", "{\"TableName\":\"Dec\",\"Key\":"
                + "{\"pk\":{\"S\":\"x\"}},\"ConditionExpression\":\"attribute_exists(" + tooDeep + ")\"}");
        assertThat(condition.text()).contains(VALIDATION).contains("Invalid ConditionExpression: The document path "
                + "has too many nesting levels");
    }

    @Test
    void invalidExpressionAttributeValuesNameTheirPlaceholder() throws IOException {
        RawHttp.Response r = post("DynamoDB_20120810.UpdateItem", "{\"TableName\":\"Dec\",\"Key\":"
                + "{\"pk\":{\"S\":\"x\"}},\"UpdateExpression\":\"SET a = :v\",\"ExpressionAttributeValues\":"
                + "{\":v\":{\"N\":\"abc\"}}}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).contains(VALIDATION).contains("\"message\":\"ExpressionAttributeValues contains invalid "
                + "value: The parameter cannot be converted to a numeric value: abc for key :v\"");
        RawHttp.Response two = post("DynamoDB_20120810.UpdateItem", "{\"TableName\":\"Dec\",\"Key\":"
                + "{\"pk\":{\"S\":\"x\"}},\"UpdateExpression\":\"SET a = :v\",\"ExpressionAttributeValues\":"
                + "{\":v\":{\"S\":\"a\",\"N\":\"1\"}}}");
        assertThat(two.text()).contains("ExpressionAttributeValues contains invalid value: Supplied AttributeValue "
                + "has more than one datatypes set, must contain exactly one of the supported datatypes for key :v");
    }
}
