package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.Document;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Transactions through the enhanced client's transactWriteItems and transactGetItems. */
class EnhancedTransactionsIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    /** A mapped item. */
    public static final class Account {
        private String pk;
        private Long balance;

        public Account() {}

        Account(String pk, long balance) {
            this.pk = pk;
            this.balance = balance;
        }
    }

    private static final StaticTableSchema<Account> SCHEMA = StaticTableSchema.builder(Account.class)
            .newItemSupplier(Account::new)
            .addAttribute(String.class, a -> a.name("pk").getter(x -> x.pk).setter((x, v) -> x.pk = v)
                    .tags(primaryPartitionKey()))
            .addAttribute(Long.class, a -> a.name("balance").getter(x -> x.balance).setter((x, v) -> x.balance = v))
            .build();

    private final DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(SERVER.client())
            .build();
    private final DynamoDbTable<Account> accounts = enhanced.table("Accounts", SCHEMA);

    @BeforeAll
    static void tables() {
        Tables.hashTable(SERVER.client(), "Accounts");
    }

    private static Expression balanceAtLeast(long amount) {
        return Expression.builder().expression("balance >= :a")
                .expressionValues(Map.of(":a", AttributeValue.fromN(Long.toString(amount)))).build();
    }

    @Test
    void everyActionTypeAppliesAndIsReadBackInOneTransaction() {
        accounts.putItem(new Account("alice", 100));
        accounts.putItem(new Account("bob", 0));
        accounts.putItem(new Account("closed", 0));
        enhanced.transactWriteItems(b -> b
                .addConditionCheck(accounts, ConditionCheck.builder().key(Key.builder().partitionValue("alice").build())
                        .conditionExpression(balanceAtLeast(50)).build())
                .addUpdateItem(accounts, new Account("bob", 50))
                .addPutItem(accounts, new Account("carol", 7))
                .addDeleteItem(accounts, Key.builder().partitionValue("closed").build()));
        List<Document> documents = enhanced.transactGetItems(b -> b
                .addGetItem(accounts, Key.builder().partitionValue("alice").build())
                .addGetItem(accounts, Key.builder().partitionValue("bob").build())
                .addGetItem(accounts, Key.builder().partitionValue("carol").build())
                .addGetItem(accounts, Key.builder().partitionValue("closed").build()));
        assertThat(documents).hasSize(4);
        assertThat(documents.get(0).getItem(accounts).balance).isEqualTo(100);
        assertThat(documents.get(1).getItem(accounts).balance).isEqualTo(50);
        assertThat(documents.get(2).getItem(accounts).balance).isEqualTo(7);
        assertThat(documents.get(3).getItem(accounts)).isNull();
    }

    @Test
    void failedConditionCancelsTheWholeTransaction() {
        accounts.putItem(new Account("poor", 10));
        assertThatThrownBy(() -> enhanced.transactWriteItems(b -> b
                .addPutItem(accounts, new Account("never", 1))
                .addConditionCheck(accounts, ConditionCheck.builder().key(Key.builder().partitionValue("poor").build())
                        .conditionExpression(balanceAtLeast(50)).build())))
                .isInstanceOfSatisfying(TransactionCanceledException.class, e -> assertThat(
                        e.cancellationReasons().stream().map(CancellationReason::code))
                        .containsExactly("None", "ConditionalCheckFailed"));
        assertThat(accounts.getItem(Key.builder().partitionValue("never").build())).isNull();
    }
}
