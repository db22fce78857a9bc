package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbAtomicCounter;
import software.amazon.awssdk.enhanced.dynamodb.extensions.annotations.DynamoDbVersionAttribute;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbBean;
import software.amazon.awssdk.enhanced.dynamodb.mapper.annotations.DynamoDbPartitionKey;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** The enhanced client's optimistic locking and atomic counters, which are built on conditional updates. */
class EnhancedClientIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static DynamoDbTable<Account> accounts;

    /** A versioned, counted record. */
    @DynamoDbBean
    public static class Account {
        private String id;
        private String owner;
        private Long version;
        private Long visits;

        @DynamoDbPartitionKey
        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getOwner() {
            return owner;
        }

        public void setOwner(String owner) {
            this.owner = owner;
        }

        @DynamoDbVersionAttribute
        public Long getVersion() {
            return version;
        }

        public void setVersion(Long version) {
            this.version = version;
        }

        @DynamoDbAtomicCounter
        public Long getVisits() {
            return visits;
        }

        public void setVisits(Long visits) {
            this.visits = visits;
        }
    }

    @BeforeAll
    static void table() {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(SERVER.client()).build();
        accounts = enhanced.table("Accounts", TableSchema.fromBean(Account.class));
        accounts.createTable();
    }

    private static Account account(String id, String owner) {
        Account a = new Account();
        a.setId(id);
        a.setOwner(owner);
        return a;
    }

    @Test
    void staleVersionWriteFailsAndFreshOneSucceeds() {
        accounts.putItem(account("v1", "ann"));
        Account first = accounts.getItem(Key.builder().partitionValue("v1").build());
        Account second = accounts.getItem(Key.builder().partitionValue("v1").build());
        assertThat(first.getVersion()).isEqualTo(1L);
        first.setOwner("bob");
        accounts.updateItem(first);
        second.setOwner("cid");
        assertThatThrownBy(() -> accounts.updateItem(second)).isInstanceOf(ConditionalCheckFailedException.class);
        Account fresh = accounts.getItem(Key.builder().partitionValue("v1").build());
        assertThat(fresh.getOwner()).isEqualTo("bob");
        assertThat(fresh.getVersion()).isEqualTo(2L);
        fresh.setOwner("dee");
        assertThat(accounts.updateItem(fresh).getVersion()).isEqualTo(3L);
    }

    @Test
    void creatingAnExistingVersionedItemFails() {
        accounts.putItem(account("v2", "ann"));
        assertThatThrownBy(() -> accounts.putItem(account("v2", "bob")))
                .isInstanceOf(ConditionalCheckFailedException.class);
    }

    @Test
    void atomicCounterIncrementsOnEveryUpdate() {
        accounts.putItem(account("c1", "ann"));
        Account a = accounts.getItem(Key.builder().partitionValue("c1").build());
        assertThat(a.getVisits()).isEqualTo(0L);
        for (int i = 0; i < 3; i++) {
            Account current = accounts.getItem(Key.builder().partitionValue("c1").build());
            accounts.updateItem(current);
        }
        assertThat(accounts.getItem(Key.builder().partitionValue("c1").build()).getVisits()).isEqualTo(3L);
    }
}
