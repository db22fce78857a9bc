package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;

/**
 * PartiQL statements are authorized as the item operations they stand for: dynamodb:PartiQLSelect,
 * PartiQLInsert, PartiQLUpdate and PartiQLDelete on the table, with dynamodb:LeadingKeys and
 * dynamodb:Attributes, dynamodb:FullTableScan and dynamodb:EnclosingOperation, in ExecuteStatement,
 * BatchExecuteStatement (each statement on its own) and ExecuteTransaction alike.
 */
class PartiqlAuthorizationIT {

    private static final String TABLE = "GameScores";
    private static final String ARN = "arn:aws:dynamodb:us-east-1:000000000000:table/GameScores";
    private static final String PLAYER_POLICY = """
            {"Version": "2012-10-17", "Statement": [
              {"Effect": "Allow",
               "Action": ["dynamodb:PartiQLSelect", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate",
                          "dynamodb:PartiQLDelete"],
               "Resource": ["arn:aws:dynamodb:*:*:table/GameScores"],
               "Condition": {"ForAllValues:StringEquals": {
                   "dynamodb:LeadingKeys": ["${aws:username}"],
                   "dynamodb:Attributes": ["UserId", "GameTitle", "TopScore", "Wins"]}}},
              {"Effect": "Deny", "Action": "dynamodb:PartiQLSelect", "Resource": "*",
               "Condition": {"Bool": {"dynamodb:FullTableScan": "true"}}},
              {"Effect": "Deny", "Action": "dynamodb:PartiQLDelete", "Resource": "*",
               "Condition": {"StringEquals": {"dynamodb:EnclosingOperation": "ExecuteTransaction"}}}]}
            """;

    @TempDir
    static Path dir;

    private static AuthFixture fixture;
    private static DynamoDbClient admin;
    private static DynamoDbClient alice;

    @BeforeAll
    static void start() throws IOException {
        fixture = AuthFixture.gameScores(dir, PLAYER_POLICY, b -> b.daxPort(0));
        admin = fixture.admin();
        alice = fixture.alice();
        admin.executeStatement(b -> b.statement("INSERT INTO GameScores VALUE {'UserId': 'bob', 'GameTitle': 'Chess', "
                + "'TopScore': 300, 'Secret': 'x'}"));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void ownPartitionIsReadAndWrittenWithPartiql() {
        alice.executeStatement(b -> b.statement("INSERT INTO GameScores VALUE {'UserId': ?, 'GameTitle': 'Go', "
                + "'TopScore': 5}").parameters(s("alice")));
        alice.executeStatement(b -> b.statement("UPDATE GameScores SET TopScore = 6 WHERE UserId = 'alice' AND "
                + "GameTitle = 'Go'"));
        assertThat(alice.executeStatement(b -> b.statement("SELECT TopScore FROM GameScores WHERE UserId = 'alice' "
                + "AND GameTitle = 'Go'")).items()).containsExactly(Map.of("TopScore", AttributeValue.fromN("6")));
        alice.executeStatement(b -> b.statement("DELETE FROM GameScores WHERE UserId = 'alice' AND GameTitle = 'Go'"));
    }

    @Test
    void anotherPartitionIsDeniedAsTheItemOperationWouldBe() {
        denied(() -> alice.executeStatement(b -> b.statement(
                "SELECT TopScore FROM GameScores WHERE UserId = 'bob'")), "PartiQLSelect", "because no identity-based "
                + "policy allows the dynamodb:PartiQLSelect action");
        denied(() -> alice.executeStatement(b -> b.statement("UPDATE GameScores SET TopScore = 0 WHERE UserId = ? "
                + "AND GameTitle = 'Chess'").parameters(s("bob"))), "PartiQLUpdate",
                "because no identity-based policy allows the dynamodb:PartiQLUpdate action");
        denied(() -> alice.executeStatement(b -> b.statement("INSERT INTO GameScores VALUE {'UserId': 'bob', "
                + "'GameTitle': 'Go'}")), "PartiQLInsert", "because no identity-based policy allows the "
                + "dynamodb:PartiQLInsert action");
        assertThat(admin.executeStatement(b -> b.statement("SELECT * FROM GameScores WHERE UserId = 'bob'")).items())
                .singleElement().satisfies(item -> assertThat(item).containsEntry("TopScore", AttributeValue.fromN("300"))
                        .doesNotContainKey("Wins"));
    }

    @Test
    void attributesOutsideThePolicyAreDenied() {
        denied(() -> alice.executeStatement(b -> b.statement(
                "SELECT Secret FROM GameScores WHERE UserId = 'alice'")), "PartiQLSelect",
                "because no identity-based policy allows the dynamodb:PartiQLSelect action");
        denied(() -> alice.executeStatement(b -> b.statement(
                "SELECT * FROM GameScores WHERE UserId = 'alice' AND Secret = 'x'")), "PartiQLSelect",
                "because no identity-based policy allows the dynamodb:PartiQLSelect action");
    }

    @Test
    void aFullTableScanIsDeniedByFullTableScanCondition() {
        denied(() -> alice.executeStatement(b -> b.statement("SELECT TopScore FROM GameScores")), "PartiQLSelect",
                "with an explicit deny in an identity-based policy");
    }

    @Test
    void batchExecuteStatementRefusesEachForeignStatementWithItsOwnAccessDeniedErrorAndRunsTheOthers() {
        BatchStatementRequest theirs = BatchStatementRequest.builder().statement("INSERT INTO GameScores VALUE "
                + "{'UserId': 'bob', 'GameTitle': 'Batch'}").build();
        BatchStatementRequest mine = BatchStatementRequest.builder().statement("INSERT INTO GameScores VALUE "
                + "{'UserId': 'alice', 'GameTitle': 'Batch'}").build();
        BatchStatementRequest secret = BatchStatementRequest.builder().statement("INSERT INTO GameScores VALUE "
                + "{'UserId': 'alice', 'GameTitle': 'Batch2', 'Secret': 'x'}").build();
        List<BatchStatementResponse> responses = alice.batchExecuteStatement(b -> b.statements(theirs, mine, secret))
                .responses();
        assertThat(responses).hasSize(3);
        assertThat(responses.get(0).error()).satisfies(e -> {
            assertThat(e.codeAsString()).isEqualTo("AccessDenied");
            assertThat(e.message()).isEqualTo("User: arn:aws:iam::000000000000:user/alice is not authorized to "
                    + "perform: dynamodb:PartiQLInsert on resource: " + ARN + " because no identity-based policy "
                    + "allows the dynamodb:PartiQLInsert action");
        });
        assertThat(responses.get(1).error()).isNull();
        assertThat(responses.get(2).error().codeAsString()).isEqualTo("AccessDenied");
        assertThat(admin.executeStatement(b -> b.statement("SELECT * FROM GameScores WHERE UserId = 'alice' AND "
                + "GameTitle = 'Batch'")).items()).hasSize(1);
        assertThat(admin.executeStatement(b -> b.statement("SELECT * FROM GameScores WHERE UserId = 'alice' AND "
                + "GameTitle = 'Batch2'")).items()).isEmpty();
        assertThat(admin.executeStatement(b -> b.statement("SELECT * FROM GameScores WHERE UserId = 'bob' AND "
                + "GameTitle = 'Batch'")).items()).isEmpty();
    }

    @Test
    void theDaxStyleEndpointRefusesBatchStatementsOneByOneToo() {
        try (DynamoDbClient dax = SdkClients.builder(fixture.server().daxEndpoint(), "AKIDALICE", "alice-secret")
                .build()) {
            List<BatchStatementResponse> responses = dax.batchExecuteStatement(b -> b.statements(
                    BatchStatementRequest.builder().statement("INSERT INTO GameScores VALUE "
                            + "{'UserId': 'alice', 'GameTitle': 'Dax'}").build(),
                    BatchStatementRequest.builder().statement("INSERT INTO GameScores VALUE "
                            + "{'UserId': 'bob', 'GameTitle': 'Dax'}").build())).responses();
            assertThat(responses.get(0).error()).isNull();
            assertThat(responses.get(1).error().codeAsString()).isEqualTo("AccessDenied");
        }
        assertThat(admin.executeStatement(b -> b.statement("SELECT * FROM GameScores WHERE UserId = 'bob' AND "
                + "GameTitle = 'Dax'")).items()).isEmpty();
    }

    @Test
    void executeTransactionIsAuthorizedPerStatementWithItsEnclosingOperation() {
        ParameterizedStatement insert = ParameterizedStatement.builder().statement("INSERT INTO GameScores VALUE "
                + "{'UserId': 'alice', 'GameTitle': 'Tx'}").build();
        alice.executeTransaction(b -> b.transactStatements(insert));
        ParameterizedStatement delete = ParameterizedStatement.builder().statement("DELETE FROM GameScores WHERE "
                + "UserId = 'alice' AND GameTitle = 'Tx'").build();
        denied(() -> alice.executeTransaction(b -> b.transactStatements(List.of(delete))), "PartiQLDelete",
                "with an explicit deny in an identity-based policy");
        alice.executeStatement(b -> b.statement(delete.statement()));

        // EXISTS(SELECT ...) reads the item it names: another partition's is denied as a PartiQLSelect.
        ParameterizedStatement theirs = ParameterizedStatement.builder().statement("EXISTS(SELECT * FROM GameScores "
                + "WHERE UserId = 'bob' AND GameTitle = 'Chess' AND TopScore >= 1)").build();
        denied(() -> alice.executeTransaction(b -> b.transactStatements(theirs, insert)), "PartiQLSelect",
                "because no identity-based policy allows the dynamodb:PartiQLSelect action");
    }

    private static void denied(Runnable call, String action, String reason) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::000000000000:user/alice is "
                    + "not authorized to perform: dynamodb:" + action + " on resource: " + ARN + " " + reason);
        });
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
