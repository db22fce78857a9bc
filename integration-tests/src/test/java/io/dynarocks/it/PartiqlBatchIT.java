package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ExecuteTransactionResponse;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.ParameterizedStatement;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** BatchExecuteStatement and ExecuteTransaction: PartiQL statements in batches and transactions. */
class PartiqlBatchIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void tables() {
        Tables.hashTable(SERVER.client(), "Accounts");
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private static BatchStatementRequest batch(String statement) {
        return BatchStatementRequest.builder().statement(statement).build();
    }

    private static ParameterizedStatement tx(String statement, AttributeValue... parameters) {
        ParameterizedStatement.Builder b = ParameterizedStatement.builder().statement(statement);
        return (parameters.length == 0 ? b : b.parameters(parameters)).build();
    }

    private Map<String, AttributeValue> get(String pk) {
        return client.getItem(b -> b.tableName("Accounts").key(Map.of("pk", s(pk)))).item();
    }

    private void put(String pk, int balance) {
        client.putItem(b -> b.tableName("Accounts").item(Map.of("pk", s(pk), "balance", n(Integer.toString(balance)))));
    }

    @Test
    void aBatchOfWritesReportsTheOneFailingStatementAndRunsTheOthers() {
        put("b-existing", 1);
        BatchExecuteStatementResponse response = client.batchExecuteStatement(b -> b.statements(
                batch("INSERT INTO Accounts VALUE {'pk': 'b-new', 'balance': 5}"),
                batch("INSERT INTO Accounts VALUE {'pk': 'b-existing', 'balance': 9}"),
                batch("UPDATE Accounts SET balance = balance + 1 WHERE pk = 'b-existing'"),
                BatchStatementRequest.builder().statement("UPDATE Accounts SET balance = 0 WHERE pk = ? AND balance > 100")
                        .parameters(s("b-existing"))
                        .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD).build())
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        List<BatchStatementResponse> r = response.responses();
        assertThat(r).hasSize(4);
        assertThat(r.get(0).error()).isNull();
        assertThat(r.get(0).tableName()).isEqualTo("Accounts");
        assertThat(r.get(1).error().code()).isEqualTo(BatchStatementErrorCodeEnum.DUPLICATE_ITEM);
        assertThat(r.get(1).error().message()).isEqualTo("Duplicate primary key exists in table");
        assertThat(r.get(2).error()).isNull();
        assertThat(r.get(3).error().code()).isEqualTo(BatchStatementErrorCodeEnum.CONDITIONAL_CHECK_FAILED);
        assertThat(r.get(3).error().item()).containsEntry("balance", n("2"));
        assertThat(get("b-new")).containsEntry("balance", n("5"));
        assertThat(get("b-existing")).containsEntry("balance", n("2"));
        // The two writes that succeeded, one write unit each, as the equivalent PutItem and UpdateItem report.
        assertThat(response.consumedCapacity()).singleElement()
                .satisfies(c -> assertThat(c.capacityUnits()).isEqualTo(2.0));
    }

    @Test
    void aBatchOfReadsReturnsEachItemInOrder() {
        put("r-1", 1);
        put("r-2", 2);
        BatchExecuteStatementResponse response = client.batchExecuteStatement(b -> b.statements(
                batch("SELECT * FROM Accounts WHERE pk = 'r-2'"),
                batch("SELECT balance FROM Accounts WHERE pk = 'r-missing'"),
                batch("SELECT balance FROM Accounts WHERE pk = 'r-1'"),
                batch("SELECT * FROM Accounts WHERE balance = 1"),
                batch("SELECT * FROM Accounts WHERE")));
        List<BatchStatementResponse> r = response.responses();
        assertThat(r.get(0).item()).containsEntry("pk", s("r-2"));
        assertThat(r.get(1).hasItem()).isFalse();
        assertThat(r.get(1).error()).isNull();
        assertThat(r.get(2).item()).isEqualTo(Map.of("balance", n("1")));
        assertThat(r.get(3).error().code()).isEqualTo(BatchStatementErrorCodeEnum.VALIDATION_ERROR);
        assertThat(r.get(3).error().message()).isEqualTo(
                "Select statements within BatchExecuteStatement must specify the primary key in the where clause.");
        assertThat(r.get(4).error().message())
                .isEqualTo("Statement wasn't well formed, can't be processed: Unexpected term");
    }

    @Test
    void aBatchMayNotMixReadsAndWrites() {
        assertThatThrownBy(() -> client.batchExecuteStatement(b -> b.statements(
                batch("SELECT * FROM Accounts WHERE pk = 'x'"),
                batch("DELETE FROM Accounts WHERE pk = 'x'"))))
                .isInstanceOfSatisfying(DynamoDbException.class,
                        e -> assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException"));
    }

    @Test
    void aTransactionOfWritesAppliesEveryStatement() {
        put("t-from", 10);
        put("t-gone", 1);
        ExecuteTransactionResponse response = client.executeTransaction(b -> b.transactStatements(
                tx("UPDATE Accounts SET balance = balance - 3 WHERE pk = 't-from' AND balance >= 3"),
                tx("INSERT INTO Accounts VALUE {'pk': ?, 'balance': 3}", s("t-to")),
                tx("DELETE FROM Accounts WHERE pk = 't-gone'"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(response.responses()).isEmpty();
        assertThat(response.consumedCapacity()).singleElement()
                .satisfies(c -> assertThat(c.capacityUnits()).isEqualTo(6.0));
        assertThat(get("t-from")).containsEntry("balance", n("7"));
        assertThat(get("t-to")).containsEntry("balance", n("3"));
        assertThat(get("t-gone")).isEmpty();
    }

    @Test
    void aCancelledTransactionAppliesNothingAndGivesEachStatementsReason() {
        put("c-from", 1);
        put("c-taken", 1);
        assertThatThrownBy(() -> client.executeTransaction(b -> b.transactStatements(
                tx("UPDATE Accounts SET balance = balance - 5 WHERE pk = 'c-from' AND balance >= 5"),
                tx("INSERT INTO Accounts VALUE {'pk': 'c-taken'}"),
                tx("INSERT INTO Accounts VALUE {'pk': 'c-new'}"))))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> assertThat(
                        e.cancellationReasons().stream().map(CancellationReason::code).toList())
                        .containsExactly("ConditionalCheckFailed", "DuplicateItem", "None"));
        assertThat(get("c-from")).containsEntry("balance", n("1"));
        assertThat(get("c-new")).isEmpty();
    }

    @Test
    void aTransactionOfReadsReturnsOneEntryPerStatement() {
        put("tr-1", 1);
        ExecuteTransactionResponse response = client.executeTransaction(b -> b.transactStatements(
                tx("SELECT balance FROM Accounts WHERE pk = 'tr-1'"),
                tx("SELECT * FROM Accounts WHERE pk = 'tr-missing'")));
        assertThat(response.responses()).hasSize(2);
        assertThat(response.responses().get(0).item()).isEqualTo(Map.of("balance", n("1")));
        assertThat(response.responses().get(1).hasItem()).isFalse();
    }

    @Test
    void aTransactionMayNotMixReadsAndWritesOrReturnValues() {
        assertThatThrownBy(() -> client.executeTransaction(b -> b.transactStatements(
                tx("SELECT * FROM Accounts WHERE pk = 'x'"), tx("DELETE FROM Accounts WHERE pk = 'y'"))))
                .isInstanceOf(DynamoDbException.class);
        assertThatThrownBy(() -> client.executeTransaction(b -> b.transactStatements(
                tx("DELETE FROM Accounts WHERE pk = 'y' RETURNING ALL OLD *"))))
                .hasMessageStartingWith("Validation failed in TransactStatements[0]: RETURNING clause is not "
                        + "supported in ExecuteTransaction.");
        assertThatThrownBy(() -> client.executeTransaction(b -> b.transactStatements(
                tx("SELECT * FROM Accounts WHERE"))))
                .hasMessageStartingWith("Validation failed in TransactStatements[0]: Statement wasn't well formed, "
                        + "can't be processed: Unexpected term");
    }

    @Test
    void aRepeatedClientRequestTokenAppliesTheTransactionOnce() {
        put("idem", 0);
        for (int i = 0; i < 2; i++) {
            client.executeTransaction(b -> b.clientRequestToken("token-1").transactStatements(
                    tx("UPDATE Accounts SET balance = balance + 1 WHERE pk = 'idem'")));
        }
        assertThat(get("idem")).containsEntry("balance", n("1"));
    }

    @Test
    void existsInATransactionChecksAnItemAsConditionCheckDoes() {
        put("e-acct", 5);
        put("e-log", 0);
        ExecuteTransactionResponse response = client.executeTransaction(b -> b.transactStatements(
                tx("EXISTS(SELECT * FROM Accounts WHERE pk = ? AND balance >= 5)", s("e-acct")),
                tx("UPDATE Accounts SET balance = balance + 1 WHERE pk = 'e-log'"))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL));
        assertThat(get("e-log")).containsEntry("balance", n("1"));
        assertThat(get("e-acct")).isEqualTo(Map.of("pk", s("e-acct"), "balance", n("5")));
        double equivalent = client.transactWriteItems(b -> b.transactItems(
                t -> t.conditionCheck(c -> c.tableName("Accounts").key(Map.of("pk", s("e-acct")))
                        .conditionExpression("balance >= :five").expressionAttributeValues(Map.of(":five", n("5")))),
                t -> t.update(u -> u.tableName("Accounts").key(Map.of("pk", s("e-log")))
                        .updateExpression("SET balance = balance + :one")
                        .expressionAttributeValues(Map.of(":one", n("1")))))
                .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL)).consumedCapacity().get(0).capacityUnits();
        assertThat(response.consumedCapacity()).singleElement()
                .satisfies(c -> assertThat(c.capacityUnits()).isEqualTo(equivalent));
    }

    @Test
    void aFailedExistsCancelsTheTransaction() {
        put("ef-acct", 1);
        put("ef-log", 0);
        for (String check : List.of("EXISTS(SELECT * FROM Accounts WHERE pk = 'ef-acct' AND balance >= 5)",
                "EXISTS(SELECT * FROM Accounts WHERE pk = 'ef-absent' AND balance IS MISSING)")) {
            assertThatThrownBy(() -> client.executeTransaction(b -> b.transactStatements(tx(check),
                    tx("UPDATE Accounts SET balance = balance + 1 WHERE pk = 'ef-log'"))))
                    .isInstanceOfSatisfying(TransactionCanceledException.class, e -> assertThat(
                            e.cancellationReasons().stream().map(CancellationReason::code).toList())
                            .containsExactly("ConditionalCheckFailed", "None"));
        }
        assertThat(get("ef-log")).containsEntry("balance", n("0"));
    }

    @Test
    void existsIsRefusedOutsideTransactionsOfWritesInDynamoDbsWords() {
        assertThatThrownBy(() -> client.executeStatement(b -> b.statement(
                "EXISTS(SELECT * FROM Accounts WHERE pk = 'x' AND balance = 1)")))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageStartingWith("EXISTS can only be used in ExecuteTransaction write requests.");
        assertThatThrownBy(() -> client.executeTransaction(b -> b.transactStatements(
                tx("EXISTS(SELECT * FROM Accounts WHERE pk = 'x')"),
                tx("UPDATE Accounts SET z = 1 WHERE pk = 'y'"))))
                .hasMessageStartingWith("Validation failed in TransactStatements[0]: EXISTS() must contain a single "
                        + "item read with additional condition");
        assertThatThrownBy(() -> client.executeTransaction(b -> b.transactStatements(
                tx("SELECT * FROM Accounts WHERE pk = 'x' AND attribute_exists(balance)"))))
                .hasMessageStartingWith("Validation failed in TransactStatements[0]: Select statements within "
                        + "ExecuteTransaction must specify the primary key in the where clause.");
    }

    @Test
    void aBatchOfMoreThan25StatementsAndATransactionOfMoreThan100AreRefused() {
        List<BatchStatementRequest> batch = new ArrayList<>();
        for (int i = 0; i < 26; i++) {
            batch.add(batch("SELECT * FROM Accounts WHERE pk = 'x" + i + "'"));
        }
        assertThatThrownBy(() -> client.batchExecuteStatement(b -> b.statements(batch)))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageContaining("Member must have length less than or equal to 25");
        List<ParameterizedStatement> transaction = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            transaction.add(tx("SELECT * FROM Accounts WHERE pk = 'x" + i + "'"));
        }
        assertThatThrownBy(() -> client.executeTransaction(b -> b.transactStatements(transaction)))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageContaining("Member must have length less than or equal to 100");
    }

    @Test
    void aClientRequestTokenReusedWithOtherStatementsIsAnIdempotentParameterMismatch() {
        put("idem-2", 0);
        client.executeTransaction(b -> b.clientRequestToken("token-2").transactStatements(
                tx("UPDATE Accounts SET balance = balance + 1 WHERE pk = 'idem-2'")));
        assertThatThrownBy(() -> client.executeTransaction(b -> b.clientRequestToken("token-2").transactStatements(
                tx("UPDATE Accounts SET balance = balance + 2 WHERE pk = 'idem-2'"))))
                .isInstanceOf(IdempotentParameterMismatchException.class);
        assertThat(get("idem-2")).containsEntry("balance", n("1"));
    }

    @Test
    void aCancelledTransactionReturnsTheItemOfTheStatementThatAskedForIt() {
        put("rv-1", 1);
        put("rv-2", 2);
        assertThatThrownBy(() -> client.executeTransaction(b -> b.transactStatements(
                ParameterizedStatement.builder().statement("UPDATE Accounts SET balance = 0 WHERE pk = 'rv-1' "
                        + "AND balance > 100").returnValuesOnConditionCheckFailure(
                                ReturnValuesOnConditionCheckFailure.ALL_OLD).build(),
                tx("DELETE FROM Accounts WHERE pk = 'rv-2' AND balance > 100"))))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> {
                    assertThat(e.cancellationReasons().get(0).code()).isEqualTo("ConditionalCheckFailed");
                    assertThat(e.cancellationReasons().get(0).item())
                            .isEqualTo(Map.of("pk", s("rv-1"), "balance", n("1")));
                    assertThat(e.cancellationReasons().get(1).code()).isEqualTo("ConditionalCheckFailed");
                    assertThat(e.cancellationReasons().get(1).hasItem()).isFalse();
                });
        assertThat(get("rv-2")).containsEntry("balance", n("2"));
    }
}
