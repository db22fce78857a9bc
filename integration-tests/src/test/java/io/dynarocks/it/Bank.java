package io.dynarocks.it;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ItemResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Accounts whose balances move only by transactional transfers, so their total never changes. */
final class Bank {

    /** How one transfer ended. */
    enum Outcome { APPLIED, OVERDRAFT, CONFLICT }

    static final int ACCOUNTS = 100;
    static final long INITIAL_BALANCE = 1_000;
    static final long TOTAL = ACCOUNTS * INITIAL_BALANCE;

    private final DynamoDbClient client;
    private final String table;

    Bank(DynamoDbClient client, String table) {
        this.client = client;
        this.table = table;
    }

    void open() {
        Tables.hashTable(client, table);
        for (int i = 0; i < ACCOUNTS; i++) {
            AttributeValue id = account(i);
            client.putItem(b -> b.tableName(table).item(Map.of("pk", id,
                    "balance", AttributeValue.fromN(Long.toString(INITIAL_BALANCE)))));
        }
    }

    /** Moves a random amount between two random accounts; the condition forbids an overdraft. */
    Outcome transfer(Random random) {
        int from = random.nextInt(ACCOUNTS);
        int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
        AttributeValue amount = AttributeValue.fromN(Integer.toString(1 + random.nextInt(300)));
        try {
            client.transactWriteItems(b -> b.transactItems(
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of("pk", account(from)))
                            .updateExpression("SET balance = balance - :a")
                            .conditionExpression("balance >= :a")
                            .expressionAttributeValues(Map.of(":a", amount))).build(),
                    TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of("pk", account(to)))
                            .updateExpression("SET balance = balance + :a")
                            .expressionAttributeValues(Map.of(":a", amount))).build()));
            return Outcome.APPLIED;
        } catch (TransactionCanceledException e) {
            List<String> codes = e.cancellationReasons().stream().map(CancellationReason::code).toList();
            if (codes.contains("TransactionConflict")) {
                return Outcome.CONFLICT;
            }
            if (codes.equals(List.of("ConditionalCheckFailed", "None"))) {
                return Outcome.OVERDRAFT;
            }
            throw e;
        }
    }

    /** The sum of all balances, read in one TransactGetItems (one snapshot). */
    long total() {
        List<TransactGetItem> gets = new ArrayList<>();
        for (int i = 0; i < ACCOUNTS; i++) {
            Map<String, AttributeValue> key = Map.of("pk", account(i));
            gets.add(TransactGetItem.builder().get(g -> g.tableName(table).key(key)).build());
        }
        long sum = 0;
        for (ItemResponse r : client.transactGetItems(b -> b.transactItems(gets)).responses()) {
            sum += Long.parseLong(r.item().get("balance").n());
        }
        return sum;
    }

    private static AttributeValue account(int i) {
        return AttributeValue.fromS("account-" + i);
    }
}
