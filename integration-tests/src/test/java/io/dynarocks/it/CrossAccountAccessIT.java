package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Another account's table named by its ARN in batches and transactions, as DynamoDB's resource-based policies
 * allow: every item is authorized against the owner's resource policy and the caller's identity policy, and the
 * response names the table as the request did.
 */
class CrossAccountAccessIT {

    private static final String OWNER = "111122223333";
    private static final String ORDERS = "arn:aws:dynamodb:us-east-1:" + OWNER + ":table/orders";
    private static final String LEDGER = "arn:aws:dynamodb:us-east-1:" + OWNER + ":table/ledger";

    @TempDir
    static Path dir;

    private static AuthFixture fixture;
    private static DynamoDbClient bob;
    private static DynamoDbClient carol;

    @BeforeAll
    static void start() throws IOException {
        fixture = AuthFixture.start(dir, AuthFixture.accounts(
                AuthFixture.account(OWNER, AuthFixture.user("bob", "AKIDBOB", "bob-secret", null)),
                AuthFixture.account("444455556666",
                        AuthFixture.user("carol", "AKIDCAROL", "carol-secret", AuthFixture.ALLOW_ALL))));
        bob = fixture.client("AKIDBOB", "bob-secret");
        carol = fixture.client("AKIDCAROL", "carol-secret");
        Tables.hashTable(bob, "orders");
        Tables.hashTable(bob, "ledger");
        Tables.hashTable(carol, "mine");
        bob.putItem(b -> b.tableName("orders").item(item("o1")));
        bob.putItem(b -> b.tableName("orders").item(item("o2")));
        bob.putItem(b -> b.tableName("ledger").item(item("l1")));
        // The orders table grants carol's account its item actions; the ledger table has no resource policy.
        bob.putResourcePolicy(b -> b.resourceArn(ORDERS).policy(AuthFixture.allowAccount("444455556666", ORDERS,
                "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
                "dynamodb:ConditionCheckItem", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem")));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void batchGetItemReadsAnotherAccountsTableByArnAndKeysTheResponseByTheArn() {
        BatchGetItemResponse r = carol.batchGetItem(b -> b.returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)
                .requestItems(Map.of(ORDERS, KeysAndAttributes.builder().keys(key("o1")).build())));
        assertThat(r.responses()).containsOnlyKeys(ORDERS);
        assertThat(r.responses().get(ORDERS)).containsExactly(item("o1"));
        assertThat(r.unprocessedKeys()).isEmpty();
        assertThat(r.consumedCapacity()).singleElement().satisfies(c -> assertThat(c.tableName()).isEqualTo(ORDERS));
    }

    @Test
    void batchGetItemOnATableWhoseResourcePolicyDoesNotAllowItIsDenied() {
        assertDenied(() -> carol.batchGetItem(b -> b.requestItems(Map.of(
                ORDERS, KeysAndAttributes.builder().keys(key("o1")).build(),
                LEDGER, KeysAndAttributes.builder().keys(key("l1")).build()))), "BatchGetItem", LEDGER);
    }

    @Test
    void batchWriteItemWritesAnotherAccountsTableByArn() {
        BatchWriteItemResponse r = carol.batchWriteItem(b -> b.requestItems(Map.of(ORDERS,
                List.of(WriteRequest.builder().putRequest(PutRequest.builder().item(item("bw1")).build()).build()))));
        assertThat(r.unprocessedItems()).isEmpty();
        assertThat(bob.getItem(b -> b.tableName("orders").key(key("bw1"))).item()).isEqualTo(item("bw1"));
    }

    @Test
    void batchWriteItemOnATableWhoseResourcePolicyDoesNotAllowItIsDeniedAndWritesNothing() {
        assertDenied(() -> carol.batchWriteItem(b -> b.requestItems(Map.of(
                ORDERS, List.of(put("bw2")), LEDGER, List.of(put("bw2"))))), "BatchWriteItem", LEDGER);
        assertThat(bob.getItem(b -> b.tableName("orders").key(key("bw2"))).hasItem()).isFalse();
        assertThat(bob.getItem(b -> b.tableName("ledger").key(key("bw2"))).hasItem()).isFalse();
    }

    @Test
    void transactGetItemsReadsAnotherAccountsTableByArn() {
        var r = carol.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(ORDERS).key(key("o1"))).build()));
        assertThat(r.responses()).singleElement().satisfies(i -> assertThat(i.item()).isEqualTo(item("o1")));
    }

    @Test
    void transactGetItemsOnATableWhoseResourcePolicyDoesNotAllowItIsDenied() {
        assertDenied(() -> carol.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName(ORDERS).key(key("o1"))).build(),
                TransactGetItem.builder().get(g -> g.tableName(LEDGER).key(key("l1"))).build())), "GetItem", LEDGER);
    }

    @Test
    void transactWriteItemsWritesAnotherAccountsTableByArn() {
        carol.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(ORDERS).item(item("tw1"))).build(),
                TransactWriteItem.builder().update(u -> u.tableName(ORDERS).key(key("o2"))
                        .updateExpression("SET seen = :t").expressionAttributeValues(
                                Map.of(":t", AttributeValue.fromBool(true)))).build()));
        assertThat(bob.getItem(b -> b.tableName("orders").key(key("tw1"))).hasItem()).isTrue();
        assertThat(bob.getItem(b -> b.tableName("orders").key(key("o2"))).item()).containsKey("seen");
    }

    @Test
    void transactWriteItemsWithAnItemTheResourcePolicyDoesNotAllowIsDeniedAndWritesNothing() {
        assertDenied(() -> carol.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName(ORDERS).item(item("tw2"))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(LEDGER).item(item("tw2"))).build())),
                "PutItem", LEDGER);
        assertThat(bob.getItem(b -> b.tableName("orders").key(key("tw2"))).hasItem()).isFalse();
    }

    @Test
    void aTransactionCannotSpanTablesOfTwoAccounts() {
        // DynamoDB: a transaction's actions "can target items in different tables, but not in different AWS
        // accounts or Regions".
        assertThatThrownBy(() -> carol.transactWriteItems(b -> b.transactItems(
                TransactWriteItem.builder().put(p -> p.tableName("mine").item(item("x1"))).build(),
                TransactWriteItem.builder().put(p -> p.tableName(ORDERS).item(item("x1"))).build())))
                .isInstanceOfSatisfying(DynamoDbException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThatThrownBy(() -> carol.transactGetItems(b -> b.transactItems(
                TransactGetItem.builder().get(g -> g.tableName("mine").key(key("x1"))).build(),
                TransactGetItem.builder().get(g -> g.tableName(ORDERS).key(key("o1"))).build())))
                .isInstanceOfSatisfying(DynamoDbException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
        assertThat(carol.getItem(b -> b.tableName("mine").key(key("x1"))).hasItem()).isFalse();
        assertThat(bob.getItem(b -> b.tableName("orders").key(key("x1"))).hasItem()).isFalse();
    }

    @Test
    void gzipEncodedRequestNamingAnotherAccountsTableByArnReachesThatTable() throws Exception {
        byte[] body = ("{\"TableName\":\"" + ORDERS + "\",\"Key\":{\"pk\":{\"S\":\"o1\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> r = signedPost("DynamoDB_20120810.GetItem", gzip(body), "gzip");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"Item\":{\"pk\":{\"S\":\"o1\"}}}");
        byte[] denied = ("{\"TableName\":\"" + LEDGER + "\",\"Key\":{\"pk\":{\"S\":\"l1\"}}}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = signedPost("DynamoDB_20120810.GetItem", gzip(denied), "gzip");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("AccessDeniedException").contains(LEDGER);
    }

    private static void assertDenied(Runnable call, String action, String resource) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e ->
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::444455556666:user/carol "
                        + "is not authorized to perform: dynamodb:" + action + " on resource: " + resource
                        + " because no resource-based policy allows the dynamodb:" + action + " action"));
    }

    /** A request signed by the SDK's own signer over the body as sent (here compressed), posted as it is. */
    private static HttpResponse<String> signedPost(String target, byte[] body, String encoding) throws Exception {
        URI endpoint = fixture.server().endpoint();
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("AKIDCAROL", "carol-secret"))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint)
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("Content-Encoding", encoding)
                        .putHeader("X-Amz-Target", target).build())
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")).request();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signed.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static WriteRequest put(String pk) {
        return WriteRequest.builder().putRequest(PutRequest.builder().item(item(pk)).build()).build();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }

    private static Map<String, AttributeValue> item(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk));
    }
}
