package io.dynarocks.engine.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.SharedStore;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * On a store other servers share, a table change commits only while the definition it was computed from
 * is still the stored one, whatever this server's cache has learnt since it read it.
 */
class CatalogOnSharedStoreTest {

    private final SharedStore store = new SharedStore();
    private final SharedStore.View viewB = store.server();
    private final Engine a = new Engine(store.server(), Clock.systemUTC());
    private final Engine b = new Engine(viewB, Clock.systemUTC());
    private final OperationRegistry opsA = new OperationRegistry(a);

    @BeforeEach
    void createTable() {
        call("CreateTable", "{\"TableName\":\"Table\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}");
    }

    @AfterEach
    void close() {
        a.close();
        b.close();
        store.close();
    }

    private void call(String action, String json) {
        opsA.handle(OperationRegistry.DYNAMODB + "." + action, json.getBytes(StandardCharsets.UTF_8));
    }

    private void protectThroughA() {
        call("UpdateTable", "{\"TableName\":\"Table\",\"DeletionProtectionEnabled\":true}");
    }

    @Test
    void changeComputedBeforeTheCacheLearntOfAnotherServersChangeIsRefused() {
        TableDefinition read = b.catalog().requireForTableOperation("Table");
        protectThroughA(); // B's cache has it now, as the watch delivered it
        assertThat(b.catalog().requireForTableOperation("Table").deletionProtectionEnabled()).isTrue();
        assertThatThrownBy(() -> b.catalog().stage(new WriteBatch(), read, read.withBilling("PAY_PER_REQUEST",
                read.provisionedThroughput(), read.lastBillingModeChangeMillis())))
                .isInstanceOf(WriteConflictException.class);
        // DeleteTable having checked the protection before it was enabled must not delete the table.
        assertThatThrownBy(() -> b.catalog().stageRemoval(new WriteBatch(), read))
                .isInstanceOf(WriteConflictException.class);
    }

    @Test
    void changeStagedBeforeAnotherServersChangeCommitsDoesNotCommitOverIt() {
        TableDefinition read = b.catalog().requireForTableOperation("Table");
        WriteBatch removal = new WriteBatch();
        b.catalog().stageRemoval(removal, read);
        protectThroughA();
        assertThatThrownBy(() -> viewB.write(removal)).isInstanceOf(WriteConflictException.class);
        assertThat(a.catalog().refresh("Table").deletionProtectionEnabled()).isTrue();
    }

    @Test
    void newTableIsStagedOnlyWhileNoServerHasCreatedIt() {
        TableDefinition existing = b.catalog().requireForTableOperation("Table");
        assertThatThrownBy(() -> b.catalog().stage(new WriteBatch(), null, existing))
                .isInstanceOf(WriteConflictException.class);
    }
}
