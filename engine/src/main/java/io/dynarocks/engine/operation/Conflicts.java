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
public final class Conflicts {

    /** Attempts before giving up; contention this long means a hot item, as DynamoDB throttles one. */
    static final int ATTEMPTS = 100;

    private Conflicts() {
    }

    /**
     * Reloads the table a conflicting write targets, in case its definition changed on another server;
     * ResourceNotFoundException when it was deleted (or replaced by a new table of that name).
     */
    public static void refreshTable(Engine engine, TableDefinition table) {
        TableDefinition now = engine.catalog().refresh(table.tableName());
        if (now == null || now.storageId() != table.storageId()) {
            throw DynamoException.tableNotFound();
        }
    }

    /**
     * Runs a change of the table named {@code tableName} and the entries that hang off it (its definition,
     * tags, backups, recovery settings) until it commits: {@code attempt} reads what it changes and
     * commits expecting it unchanged ({@link io.dynarocks.storage.WriteBatch#expect}); when another
     * server changed any of it first, the table is reloaded and the attempt runs again on what is stored
     * now, so concurrent changes from several servers all apply, one after the other, and none is lost.
     * Changes made by this server take turns on the catalog's monitor, as before.
     */
    public static <T> T retryTableChange(Engine engine, String tableName, java.util.function.Supplier<T> attempt) {
        for (int n = 1; ; n++) {
            WriteConflictException conflict;
            synchronized (engine.catalog()) {
                try {
                    return attempt.get();
                } catch (WriteConflictException e) {
                    engine.catalog().refresh(tableName);
                    conflict = e;
                }
            }
            backOff(n, conflict); // outside the monitor: this server's other changes go on meanwhile
        }
    }

    /** Waits before attempt {@code attempt + 1}, or throws when the attempts are used up. */
    public static void backOff(int attempt, WriteConflictException cause) {
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
