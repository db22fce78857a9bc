package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.WriteConflictException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What a read-modify-write does when its optimistic commit fails because another process sharing the
 * store changed what it read: wait a little (randomized, growing) and try again, a bounded number of
 * times. Only stores shared between servers ever report a conflict.
 */
final class Conflicts {

    /** Attempts before giving up; contention this long means a hot item, as DynamoDB throttles one. */
    static final int ATTEMPTS = 100;

    private Conflicts() {
    }

    /**
     * Reloads the table a conflicting write targets, in case its definition changed on another server;
     * ResourceNotFoundException when it was deleted (or replaced by a new table of that name).
     */
    static void refreshTable(Engine engine, TableDefinition table) {
        TableDefinition now = engine.catalog().refresh(table.tableName());
        if (now == null || now.storageId() != table.storageId()) {
            throw DynamoException.tableNotFound();
        }
    }

    /** Waits before attempt {@code attempt + 1}, or throws when the attempts are used up. */
    static void backOff(int attempt, WriteConflictException cause) {
        if (attempt >= ATTEMPTS) {
            DynamoException e = DynamoException.transactionConflict();
            e.initCause(cause);
            throw e;
        }
        if (attempt == 1) {
            return;
        }
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(1, 2 + Math.min(attempt * 2, 50)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while retrying a conflicting write", e);
        }
    }
}
