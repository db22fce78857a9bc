package io.dynarocks.backup;

import io.dynarocks.backup.operation.BackupOperations;
import io.dynarocks.backup.operation.PitrOperations;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup module wired into a server: on-demand backups and restores, point-in-time recovery (its
 * change log hook), and a background task that drops log records and SYSTEM backups past retention.
 */
public final class Backups implements AutoCloseable {

    /** How often retention is enforced (windows are days long, so a minute late costs nothing). */
    public static final Duration TRIM_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);

    private final BackupStore store;
    private final PitrStore pitr;
    private final ScheduledExecutorService scheduler;

    private Backups(BackupStore store, PitrStore pitr) {
        this.store = store;
        this.pitr = pitr;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynarocks-backup-retention");
            t.setDaemon(true);
            return t;
        });
        long millis = TRIM_INTERVAL.toMillis();
        scheduler.scheduleWithFixedDelay(this::enforceRetention, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Hooks the change log into {@code engine} and registers the backup actions in {@code registry}. */
    public static Backups install(Engine engine, OperationRegistry registry) {
        BackupStore store = new BackupStore(engine);
        PitrStore pitr = new PitrStore(engine);
        engine.addHook(new ChangeLog(pitr, store));
        TableRestorer restorer = new TableRestorer(engine);
        BackupOperations.register(registry, engine, store, restorer);
        PitrOperations.register(registry, engine, pitr, restorer);
        return new Backups(store, pitr);
    }

    /** Drops change-log records and deleted tables past their recovery window, and expired SYSTEM backups. */
    public void enforceRetention() {
        try {
            pitr.trim();
            store.expire();
        } catch (RuntimeException e) {
            LOG.error("backup retention failed; retrying at the next interval", e);
        }
    }

    /** The backups, e.g. to list them in-process. */
    public BackupStore store() {
        return store;
    }

    /** Stops the retention task; call before the engine closes. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
