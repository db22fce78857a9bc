package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
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
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;

/**
 * A PartiQL statement may name its table by the table's ARN (a double-quoted identifier) in the caller's own
 * account, authorized as by its name, identity and resource policies alike. DynamoDB documents no
 * cross-account access for ExecuteStatement, BatchExecuteStatement and ExecuteTransaction (unlike GetItem or
 * the batches), so another account's ARN names no table: ResourceNotFoundException, per statement in a batch,
 * even where the table's resource policy would grant the caller's account.
 */
class PartiqlTableArnIT {

    private static final String OWNER = "111122223333";
    private static final String ORDERS = "arn:aws:dynamodb:us-east-1:" + OWNER + ":table/orders";

    @TempDir
    static Path dir;

    private static AuthFixture fixture;
    private static DynamoDbClient bob;
    private static DynamoDbClient dave;
    private static DynamoDbClient erin;
    private static DynamoDbClient carol;

    @BeforeAll
    static void start() throws IOException {
        fixture = AuthFixture.start(dir, AuthFixture.accounts(
                AuthFixture.account(OWNER,
                        AuthFixture.user("bob", "AKIDBOB", "bob-secret", null),
                        AuthFixture.user("dave", "AKIDDAVE", "dave-secret", """
                                [{"Statement": [{"Effect": "Allow", "Action": "dynamodb:PartiQLSelect",
                                  "Resource": "arn:aws:dynamodb:*:111122223333:table/orders"}]}]"""),
                        AuthFixture.user("erin", "AKIDERIN", "erin-secret", "[]")),
                AuthFixture.account("444455556666",
                        AuthFixture.user("carol", "AKIDCAROL", "carol-secret", AuthFixture.ALLOW_ALL))));
        bob = fixture.client("AKIDBOB", "bob-secret");
        dave = fixture.client("AKIDDAVE", "dave-secret");
        erin = fixture.client("AKIDERIN", "erin-secret");
        carol = fixture.client("AKIDCAROL", "carol-secret");
        Tables.hashTable(bob, "orders");
        Tables.hashTable(carol, "orders");
        bob.putItem(b -> b.tableName("orders").item(Map.of("pk", s("o1"), "owner", s("bob"))));
        // erin (no identity policy) may select through the table's policy; carol's account may do anything by it.
        bob.putResourcePolicy(b -> b.resourceArn(ORDERS).policy("""
                {"Version": "2012-10-17", "Statement": [
                  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:user/erin"},
                   "Action": "dynamodb:PartiQLSelect", "Resource": "%1$s"},
                  {"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
                   "Action": ["dynamodb:PartiQLSelect", "dynamodb:PartiQLInsert", "dynamodb:PartiQLUpdate",
                              "dynamodb:PartiQLDelete", "dynamodb:GetItem"], "Resource": "%1$s"}]}""".formatted(ORDERS)));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void everyStatementKindNamesTheCallersOwnTableByItsArn() {
        bob.executeStatement(b -> b.statement("INSERT INTO \"" + ORDERS + "\" VALUE {'pk': 'a1', 'n': 1}"));
        bob.executeStatement(b -> b.statement("UPDATE \"" + ORDERS + "\" SET n = n + 1 WHERE pk = 'a1'"));
        assertThat(bob.executeStatement(b -> b.statement("SELECT n FROM \"" + ORDERS + "\" WHERE pk = ?")
                .parameters(s("a1"))).items()).containsExactly(Map.of("n", AttributeValue.fromN("2")));
        BatchExecuteStatementResponse batch = bob.batchExecuteStatement(b -> b.statements(
                BatchStatementRequest.builder().statement("SELECT * FROM \"" + ORDERS + "\" WHERE pk = 'a1'").build(),
                BatchStatementRequest.builder().statement("SELECT * FROM orders WHERE pk = 'o1'").build()));
        assertThat(batch.responses()).allSatisfy(r -> assertThat(r.error()).isNull());
        assertThat(batch.responses().get(0).item()).containsEntry("pk", s("a1"));
        bob.executeTransaction(b -> b.transactStatements(
                ParameterizedStatement.builder().statement("DELETE FROM \"" + ORDERS + "\" WHERE pk = 'a1'").build(),
                ParameterizedStatement.builder().statement("INSERT INTO \"" + ORDERS + "\" VALUE {'pk': 'a2'}").build()));
        assertThat(bob.getItem(b -> b.tableName("orders").key(Map.of("pk", s("a1")))).hasItem()).isFalse();
        assertThat(bob.getItem(b -> b.tableName("orders").key(Map.of("pk", s("a2")))).hasItem()).isTrue();
    }

    @Test
    void aStatementByArnIsAuthorizedAsByNameWithIdentityAndResourcePolicies() {
        assertThat(dave.executeStatement(b -> b.statement("SELECT * FROM \"" + ORDERS + "\" WHERE pk = 'o1'"))
                .items()).hasSize(1);
        assertThatThrownBy(() -> dave.executeStatement(b -> b.statement(
                "INSERT INTO \"" + ORDERS + "\" VALUE {'pk': 'd1'}")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("User: arn:aws:iam::111122223333:user/dave is not authorized to perform: "
                                + "dynamodb:PartiQLInsert on resource: " + ORDERS + " because no identity-based "
                                + "policy allows the dynamodb:PartiQLInsert action"));
        // Within the account the table's resource policy alone may allow, as DynamoDB's PartiQL actions support.
        assertThat(erin.executeStatement(b -> b.statement("SELECT * FROM \"" + ORDERS + "\" WHERE pk = 'o1'"))
                .items()).hasSize(1);
        assertThatThrownBy(() -> erin.executeTransaction(b -> b.transactStatements(ParameterizedStatement.builder()
                .statement("UPDATE \"" + ORDERS + "\" SET n = 1 WHERE pk = 'o1'").build())))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("User: arn:aws:iam::111122223333:user/erin is not authorized to perform: "
                                + "dynamodb:PartiQLUpdate on resource: " + ORDERS + " because no identity-based "
                                + "policy allows the dynamodb:PartiQLUpdate action"));
        assertThat(bob.getItem(b -> b.tableName("orders").key(Map.of("pk", s("d1")))).hasItem()).isFalse();
    }

    @Test
    void anotherAccountsTableByArnIsNotFoundEvenWhereItsResourcePolicyGrants() {
        // The same table is reached by GetItem, which DynamoDB lets cross accounts.
        assertThat(carol.getItem(b -> b.tableName(ORDERS).key(Map.of("pk", s("o1")))).item())
                .containsEntry("owner", s("bob"));
        notFound(() -> carol.executeStatement(b -> b.statement("SELECT * FROM \"" + ORDERS + "\" WHERE pk = 'o1'")));
        notFound(() -> carol.executeStatement(b -> b.statement("INSERT INTO \"" + ORDERS + "\" VALUE {'pk': 'c1'}")));
        notFound(() -> carol.executeTransaction(b -> b.transactStatements(ParameterizedStatement.builder()
                .statement("INSERT INTO \"" + ORDERS + "\" VALUE {'pk': 'c2'}").build())));

        BatchExecuteStatementResponse batch = carol.batchExecuteStatement(b -> b.statements(
                BatchStatementRequest.builder().statement("INSERT INTO \"" + ORDERS + "\" VALUE {'pk': 'c3'}").build(),
                BatchStatementRequest.builder().statement("INSERT INTO orders VALUE {'pk': 'c3'}").build()));
        assertThat(batch.responses().get(0).error()).satisfies(error -> {
            assertThat(error.codeAsString()).isEqualTo("ResourceNotFound");
            assertThat(error.message()).isEqualTo("Requested resource not found");
        });
        assertThat(batch.responses().get(1).error()).isNull();

        for (String pk : List.of("c1", "c2", "c3")) {
            assertThat(bob.getItem(b -> b.tableName("orders").key(Map.of("pk", s(pk)))).hasItem()).isFalse();
        }
        // carol's own table of that name took only the statement that named it by name.
        assertThat(carol.getItem(b -> b.tableName("orders").key(Map.of("pk", s("c3")))).hasItem()).isTrue();
        assertThat(carol.getItem(b -> b.tableName("orders").key(Map.of("pk", s("c1")))).hasItem()).isFalse();
    }

    @Test
    void withoutAuthenticationTheDefaultAccountsArnNamesTheTableAndAnotherAccountsNone() {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).start();
                DynamoDbClient client = ServerExtension.client(server.endpoint())) {
            Tables.hashTable(client, "orders");
            String arn = "arn:aws:dynamodb:us-east-1:000000000000:table/orders";
            client.executeStatement(b -> b.statement("INSERT INTO \"" + arn + "\" VALUE {'pk': 'x'}"));
            assertThat(client.executeStatement(b -> b.statement("SELECT * FROM \"" + arn + "\"")).items())
                    .containsExactly(Map.of("pk", s("x")));
            notFound(() -> client.executeStatement(b -> b.statement(
                    "SELECT * FROM \"arn:aws:dynamodb:us-east-1:" + OWNER + ":table/orders\"")));
        }
    }

    private static void notFound(Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFoundException");
            assertThat(e.statusCode()).isEqualTo(400);
        });
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
