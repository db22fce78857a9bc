package io.dynarocks.engine;

import io.dynarocks.storage.StorageException;
import java.time.Duration;
import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * How a task that a scheduler runs again and again (the TTL sweeper, the stream trimmer) reports a failed run,
 * which the next run retries. The store being unavailable (a distributed store electing a leader, after its own
 * retries gave up) is transient: one WARN line, no stack trace. Only once it has lasted {@link #PERSISTENT} is it
 * an ERROR (with the stack trace the first time); any other failure is an ERROR at once, as a bug would be.
 * Not thread-safe: one task's runs follow one another.
 */
public final class RetriedTaskLog {

    /** How long the store may stay unavailable to a task before it is an error rather than a passing election. */
    public static final Duration PERSISTENT = Duration.ofMinutes(1);

    private final Logger log;
    private final String task;
    private final LongSupplier nanoTime;
    /** When the current run of unavailability began ({@link System#nanoTime}); meaningful while {@code failing}. */
    private long unavailableSince;
    private boolean failing;
    private boolean reported;

    /** The log of {@code task} (e.g. "TTL sweep"), written to {@code log}. */
    public RetriedTaskLog(Logger log, String task) {
        this(log, task, System::nanoTime);
    }

    RetriedTaskLog(Logger log, String task, LongSupplier nanoTime) {
        this.log = log;
        this.task = task;
        this.nanoTime = nanoTime;
    }

    /** A run succeeded: a past unavailability is over. */
    public void succeeded() {
        if (failing) {
            log.info("{} works again, {} s after its first run that found the store unavailable", task,
                    seconds(nanoTime.getAsLong() - unavailableSince));
        }
        failing = false;
        reported = false;
    }

    /** A run failed with {@code failure}; the next run retries. */
    public void failed(RuntimeException failure) {
        StorageException.Unavailable unavailable = StorageException.Unavailable.causing(failure);
        if (unavailable == null) {
            log.error("{} failed; retrying at the next run", task, failure);
            return;
        }
        long now = nanoTime.getAsLong();
        if (!failing) {
            failing = true;
            unavailableSince = now;
        }
        long lasted = now - unavailableSince;
        if (lasted < PERSISTENT.toNanos()) {
            log.warn("{} failed, store unavailable; retrying at the next run: {}", task, unavailable.getMessage());
        } else if (!reported) {
            reported = true;
            log.error("{} failed: the store has been unavailable for {} s; retrying at the next run", task,
                    seconds(lasted), failure);
        } else {
            log.error("{} failed: the store has been unavailable for {} s; retrying at the next run: {}", task,
                    seconds(lasted), unavailable.getMessage());
        }
    }

    private static long seconds(long nanos) {
        return Duration.ofNanos(nanos).toSeconds();
    }
}
