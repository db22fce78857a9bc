package io.dynarocks.backup;

import io.dynarocks.backup.operation.BackupOperations;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;

/** The backup module wired into a server: on-demand backups and restores. */
public final class Backups implements AutoCloseable {

    private final BackupStore store;

    private Backups(BackupStore store) {
        this.store = store;
    }

    /** Registers the backup actions of {@code engine} in {@code registry}. */
    public static Backups install(Engine engine, OperationRegistry registry) {
        BackupStore store = new BackupStore(engine);
        TableRestorer restorer = new TableRestorer(engine);
        BackupOperations.register(registry, engine, store, restorer);
        return new Backups(store);
    }

    /** The backups, e.g. to list them in-process. */
    public BackupStore store() {
        return store;
    }

    @Override
    public void close() {}
}
