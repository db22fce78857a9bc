package io.dynarocks.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.engine.EngineRequests;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Writes that meet a running transaction on one of their items are rejected, as DynamoDB rejects them. */
class TransactionConflictTest {

    private final EngineRequests engine = new EngineRequests();
    private final CountDownLatch inTransaction = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        engine.close();
    }

    private void call(String action, String json) {
        engine.call(action, json);
    }

    private static String put(String pk) {
        return "{\"TableName\":\"Txn\",\"Item\":{\"pk\":{\"S\":\"" + pk + "\"}}}";
    }

    private static String transaction(String... pks) {
        StringBuilder items = new StringBuilder();
        for (String pk : pks) {
            items.append(items.length() == 0 ? "" : ",").append("{\"Put\":").append(put(pk)).append('}');
        }
        return "{\"TransactItems\":[" + items + "]}";
    }

    /** Starts a transaction on {@code held} that stays inside its commit until released. */
    private CompletableFuture<Void> holdTransaction() throws InterruptedException {
        engine.createHashTable("Txn");
        engine.engine().addHook((change, batch) -> {
            if (change.key().hash().equals(new AttributeValue.S("held"))) {
                inTransaction.countDown();
                awaitRelease();
            }
        });
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> call("TransactWriteItems", transaction("held")));
        assertThat(inTransaction.await(10, TimeUnit.SECONDS)).isTrue();
        return running;
    }

    private void awaitRelease() {
        try {
            release.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void singleItemWriteToAnItemInARunningTransactionIsATransactionConflict() throws Exception {
        CompletableFuture<Void> running = holdTransaction();
        assertThatThrownBy(() -> call("PutItem", put("held")))
                .isInstanceOfSatisfying(DynamoException.class, e -> {
                    assertThat(e.type()).isEqualTo("TransactionConflictException");
                    assertThat(e.getMessage()).isEqualTo("Transaction is ongoing for the item");
                });
        release.countDown();
        running.get(10, TimeUnit.SECONDS);
        call("PutItem", put("held"));
    }

    @Test
    void transactionOnAnItemInARunningTransactionIsCancelledWithTransactionConflict() throws Exception {
        CompletableFuture<Void> running = holdTransaction();
        assertThatThrownBy(() -> call("TransactWriteItems", transaction("free", "held")))
                .isInstanceOfSatisfying(DynamoException.class, e -> {
                    assertThat(e.type()).isEqualTo("TransactionCanceledException");
                    assertThat(e.getMessage()).endsWith("[None, TransactionConflict]");
                });
        release.countDown();
        running.get(10, TimeUnit.SECONDS);
        call("TransactWriteItems", transaction("free", "held"));
    }
}
