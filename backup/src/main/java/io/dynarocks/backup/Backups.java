package io.dynarocks.backup;

import io.dynarocks.backup.operation.BackupOperations;
import io.dynarocks.backup.operation.ExportOperations;
import io.dynarocks.backup.operation.ImportOperations;
import io.dynarocks.backup.operation.PitrOperations;
import io.dynarocks.backup.s3.S3Directory;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backup module wired into a server: on-demand backups and restores, point-in-time recovery (its
 * change log hook), export to and import from a folder standing for S3, and a background task that drops log records and SYSTEM backups past retention.
 */
public final class Backups implements AutoCloseable {

    /** How often retention is enforced (windows are days long, so a minute late costs nothing). */
    public static final Duration TRIM_INTERVAL = Duration.ofMinutes(1);
    private static final Logger LOG = LoggerFactory.getLogger(Backups.class);

    private final BackupStore store;
    private final PitrStore pitr;
    private final ScheduledExecutorService scheduler;
    /** Runs exports and imports one at a time, after their calls have answered IN_PROGRESS. */
    private final ExecutorService jobs;

    private final Engine engine;

    private Backups(Engine engine, BackupStore store, PitrStore pitr, ExecutorService jobs) {
        this.engine = engine;
        this.store = store;
        this.pitr = pitr;
        this.jobs = jobs;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynarocks-backup-retention");
            t.setDaemon(true);
            return t;
        });
        long millis = TRIM_INTERVAL.toMillis();
        scheduler.scheduleWithFixedDelay(this::enforceRetention, millis, millis, TimeUnit.MILLISECONDS);
    }

    /**
     * Hooks the change log into {@code engine} and registers the backup actions in {@code registry};
     * exports and imports use {@code exportDir} as S3 (one folder per bucket).
     */
    public static Backups install(Engine engine, OperationRegistry registry, Path exportDir) {
        BackupStore store = new BackupStore(engine);
        PitrStore pitr = new PitrStore(engine);
        engine.addHook(new ChangeLog(pitr, store));
        TableRestorer restorer = new TableRestorer(engine);
        BackupOperations.register(registry, engine, store, restorer);
        PitrOperations.register(registry, engine, pitr, restorer);
        S3Directory s3 = new S3Directory(exportDir);
        ExecutorService jobs = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "dynarocks-export-import");
            t.setDaemon(true);
            return t;
        });
        ExportOperations.register(registry, engine, pitr, s3, jobs);
        ImportOperations.register(registry, engine, restorer, s3, jobs);
        return new Backups(engine, store, pitr, jobs);
    }

    /** Drops change-log records and deleted tables past their recovery window, and expired SYSTEM backups. */
    public void enforceRetention() {
        try {
            // Once per cluster when several servers share the store.
            engine.storage().runIfLeader("backup-retention", () -> {
                pitr.trim();
                store.expire();
            });
        } catch (RuntimeException e) {
            LOG.error("backup retention failed; retrying at the next interval", e);
        }
    }

    /** The bytes the point-in-time-recovery change logs hold now (keys and values): their retention cost. */
    public long changeLogBytes() {
        return pitr.logBytes();
    }

    /** The backups, e.g. to list them in-process. */
    public BackupStore store() {
        return store;
    }

    /** Stops the retention task and lets a running export or import finish; call before the engine closes. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        jobs.shutdown();
        try {
            jobs.awaitTermination(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
