package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Fine-grained access control as in DynamoDB's documentation: a player may touch only the items whose
 * partition key is their own user name, and only some attributes.
 */
class AuthorizationIT {

    private static final String TABLE = "GameScores";
    /** The player's identity policy (also Boto3SecurityIT's). */
    static final String PLAYER_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Sid": "OwnItemsOnly", "Effect": "Allow",
               "Action": ["dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query", "dynamodb:PutItem",
                          "dynamodb:UpdateItem", "dynamodb:BatchWriteItem", "dynamodb:DescribeTable"],
               "Resource": ["arn:aws:dynamodb:*:*:table/GameScores"],
               "Condition": {
                 "ForAllValues:StringEquals": {
                   "dynamodb:LeadingKeys": ["${aws:username}"],
                   "dynamodb:Attributes": ["UserId", "GameTitle", "TopScore", "Wins"]},
                 "StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES",
                                          "dynamodb:ReturnValues": ["NONE", "UPDATED_OLD", "UPDATED_NEW"]}}},
              {"Effect": "Deny", "Action": "dynamodb:PutItem", "Resource": "arn:aws:dynamodb:*:*:table/GameScores",
               "Condition": {"ForAnyValue:StringNotEquals": {"dynamodb:LeadingKeys": ["${aws:username}"]}}},
              {"Effect": "Deny", "Action": "dynamodb:DeleteItem", "Resource": "*"}]}
            """;

    @TempDir
    static Path dir;

    private static AuthFixture fixture;
    private static DynamoDbClient admin;
    private static DynamoDbClient alice;

    @BeforeAll
    static void start() throws IOException {
        fixture = AuthFixture.gameScores(dir, PLAYER_POLICY, b -> b.auditLog(dir.resolve("audit.jsonl")));
        admin = fixture.admin();
        alice = fixture.alice();
        admin.putItem(b -> b.tableName(TABLE).item(score("bob", "Chess", "300")));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void userWritesAndReadsItsOwnPartition() {
        alice.putItem(b -> b.tableName(TABLE).item(score("alice", "Chess", "100")));
        assertThat(alice.getItem(b -> b.tableName(TABLE).key(key("alice", "Chess"))
                .projectionExpression("TopScore")).item()).containsEntry("TopScore", AttributeValue.fromN("100"));
        assertThat(alice.query(b -> b.tableName(TABLE).keyConditionExpression("UserId = :u")
                .expressionAttributeValues(Map.of(":u", s("alice"))).projectionExpression("GameTitle, TopScore"))
                .count()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void writingAnotherUsersPartitionIsDeniedExplicitly() {
        assertDenied(() -> alice.putItem(b -> b.tableName(TABLE).item(score("bob", "Chess", "1"))),
                "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: dynamodb:PutItem on "
                        + "resource: arn:aws:dynamodb:us-east-1:000000000000:table/GameScores with an explicit deny "
                        + "in an identity-based policy");
    }

    @Test
    void queryingAnotherUsersPartitionIsDenied() {
        assertDenied(() -> alice.query(b -> b.tableName(TABLE).keyConditionExpression("UserId = :u")
                        .expressionAttributeValues(Map.of(":u", s("bob"))).projectionExpression("TopScore")),
                "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: dynamodb:Query on "
                        + "resource: arn:aws:dynamodb:us-east-1:000000000000:table/GameScores because no "
                        + "identity-based policy allows the dynamodb:Query action");
    }

    @Test
    void batchGetMixingOwnAndOtherPartitionsIsDeniedWhole() {
        KeysAndAttributes mixed = KeysAndAttributes.builder().keys(key("alice", "Chess"), key("bob", "Chess"))
                .projectionExpression("TopScore").build();
        assertDenied(() -> alice.batchGetItem(b -> b.requestItems(Map.of(TABLE, mixed))),
                "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: dynamodb:BatchGetItem on "
                        + "resource: arn:aws:dynamodb:us-east-1:000000000000:table/GameScores because no "
                        + "identity-based policy allows the dynamodb:BatchGetItem action");
        KeysAndAttributes own = KeysAndAttributes.builder().keys(key("alice", "Chess")).projectionExpression("Wins")
                .build();
        alice.batchGetItem(b -> b.requestItems(Map.of(TABLE, own)));
    }

    @Test
    void transactionWithOneForeignItemIsDeniedAndWritesNothing() {
        TransactWriteItem mine = TransactWriteItem.builder().put(p -> p.tableName(TABLE)
                .item(score("alice", "Go", "5"))).build();
        TransactWriteItem theirs = TransactWriteItem.builder().put(p -> p.tableName(TABLE)
                .item(score("bob", "Go", "5"))).build();
        assertThatThrownBy(() -> alice.transactWriteItems(b -> b.transactItems(mine, theirs)))
                .isInstanceOfSatisfying(DynamoDbException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        assertThat(admin.getItem(b -> b.tableName(TABLE).key(key("alice", "Go"))).hasItem()).isFalse();
    }

    @Test
    void readingAllAttributesIsDeniedWhenOnlySomeAreAllowed() {
        assertDenied(() -> alice.getItem(b -> b.tableName(TABLE).key(key("alice", "Chess"))), null);
        assertDenied(() -> alice.getItem(b -> b.tableName(TABLE).key(key("alice", "Chess"))
                .projectionExpression("#s").expressionAttributeNames(Map.of("#s", "Secret"))), null);
    }

    @Test
    void writingAnAttributeOutsideTheAllowedOnesIsDenied() {
        Map<String, AttributeValue> item = new java.util.HashMap<>(score("alice", "Poker", "1"));
        item.put("Secret", s("x"));
        assertDenied(() -> alice.putItem(b -> b.tableName(TABLE).item(item)), null);
        assertDenied(() -> alice.updateItem(b -> b.tableName(TABLE).key(key("alice", "Chess"))
                .updateExpression("SET Secret = :v").expressionAttributeValues(Map.of(":v", s("x")))), null);
        alice.updateItem(b -> b.tableName(TABLE).key(key("alice", "Chess"))
                .updateExpression("SET Wins = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromN("2"))));
    }

    @Test
    void returnValuesAllOldIsDeniedWhenThePolicyLimitsReturnValues() {
        assertDenied(() -> alice.updateItem(b -> b.tableName(TABLE).key(key("alice", "Chess"))
                .updateExpression("SET Wins = :v").expressionAttributeValues(Map.of(":v", AttributeValue.fromN("3")))
                .returnValues("ALL_OLD")), null);
    }

    @Test
    void actionsNoStatementAllowsAreDenied() {
        assertDenied(() -> alice.scan(b -> b.tableName(TABLE)),
                "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: dynamodb:Scan on "
                        + "resource: arn:aws:dynamodb:us-east-1:000000000000:table/GameScores because no "
                        + "identity-based policy allows the dynamodb:Scan action");
        assertDenied(() -> alice.listTables(), "User: arn:aws:iam::000000000000:user/alice is not authorized to "
                + "perform: dynamodb:ListTables on resource: arn:aws:dynamodb:us-east-1:000000000000:table/* because "
                + "no identity-based policy allows the dynamodb:ListTables action");
        assertDenied(() -> alice.deleteItem(b -> b.tableName(TABLE).key(key("alice", "Chess"))),
                "User: arn:aws:iam::000000000000:user/alice is not authorized to perform: dynamodb:DeleteItem on "
                        + "resource: arn:aws:dynamodb:us-east-1:000000000000:table/GameScores with an explicit deny "
                        + "in an identity-based policy");
    }

    @Test
    void auditLogRecordsWhoDidWhatAndTheOutcomeButNoItemContents() throws IOException {
        alice.putItem(b -> b.tableName(TABLE).item(Map.of("UserId", s("alice"), "GameTitle", s("Audit"),
                "Wins", AttributeValue.fromN("982451653"))));
        assertThatThrownBy(() -> alice.scan(b -> b.tableName(TABLE))).isInstanceOf(DynamoDbException.class);
        String log = Files.readString(dir.resolve("audit.jsonl"));
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("\"account\":\"000000000000\"",
                "\"user\":\"alice\"", "\"accessKeyId\":\"AKIDALICE\"", "\"action\":\"dynamodb:PutItem\"",
                "\"resources\":[\"arn:aws:dynamodb:us-east-1:000000000000:table/GameScores\"]",
                "\"sourceIp\":\"127.0.0.1\"", "\"outcome\":\"Allowed\""));
        assertThat(log.lines()).anySatisfy(line -> assertThat(line).contains("\"action\":\"dynamodb:Scan\"",
                "\"outcome\":\"AccessDeniedException\""));
        assertThat(log).doesNotContain("982451653").doesNotContain("alice-secret");
    }

    private static void assertDenied(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.statusCode()).isEqualTo(400);
            if (message != null) {
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
            }
        });
    }

    /** A GameScores item (also InProcessSecurityIT's). */
    static Map<String, AttributeValue> score(String user, String game, String top) {
        return Map.of("UserId", s(user), "GameTitle", s(game), "TopScore", AttributeValue.fromN(top));
    }

    static Map<String, AttributeValue> key(String user, String game) {
        return Map.of("UserId", s(user), "GameTitle", s(game));
    }

    static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }
}
