package io.dynarocks.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.storage.StorageException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;
import org.slf4j.event.SubstituteLoggingEvent;
import org.slf4j.helpers.SubstituteLogger;

/** A background task's failed runs: a passing store unavailability is a warning, a lasting one or a bug an error. */
class RetriedTaskLogTest {

    private final ConcurrentLinkedQueue<SubstituteLoggingEvent> events = new ConcurrentLinkedQueue<>();
    private final AtomicLong now = new AtomicLong();
    private final RetriedTaskLog log = new RetriedTaskLog(new SubstituteLogger("test", events, false), "TTL sweep",
            now::get);

    @Test
    void storeUnavailableForAWhileIsOneWarningLinePerRunWithoutStackTrace() {
        log.failed(new StorageException.Unavailable("etcd kv/range failed 12 times in 15000 ms, last: no leader"));
        advance(Duration.ofSeconds(20));
        log.failed(new RuntimeException("wrapped", new StorageException.Unavailable("etcd lease/grant failed")));

        assertThat(levels()).containsExactly(Level.WARN, Level.WARN);
        assertThat(events).allSatisfy(e -> assertThat(e.getThrowable()).isNull());
        assertThat(events.peek().getArgumentArray())
                .contains("etcd kv/range failed 12 times in 15000 ms, last: no leader");
    }

    @Test
    void storeUnavailableForAMinuteIsAnErrorWithItsStackTraceOnce() {
        log.failed(new StorageException.Unavailable("no leader"));
        advance(RetriedTaskLog.PERSISTENT);
        StorageException.Unavailable lasting = new StorageException.Unavailable("still no leader");
        log.failed(lasting);
        advance(Duration.ofSeconds(16));
        log.failed(new StorageException.Unavailable("still no leader"));

        assertThat(levels()).containsExactly(Level.WARN, Level.ERROR, Level.ERROR);
        List<SubstituteLoggingEvent> all = List.copyOf(events);
        assertThat(all.get(1).getThrowable()).isSameAs(lasting);
        assertThat(all.get(2).getThrowable()).isNull();
    }

    @Test
    void aSuccessfulRunEndsTheUnavailabilitySoTheNextOneIsAWarningAgain() {
        log.failed(new StorageException.Unavailable("no leader"));
        advance(Duration.ofSeconds(50));
        log.succeeded();
        advance(Duration.ofSeconds(30));
        log.failed(new StorageException.Unavailable("no leader"));

        assertThat(levels()).containsExactly(Level.WARN, Level.INFO, Level.WARN);
    }

    @Test
    void anyOtherFailureIsAnErrorWithItsStackTraceAtOnce() {
        IllegalStateException bug = new IllegalStateException("bug");
        log.failed(bug);

        assertThat(levels()).containsExactly(Level.ERROR);
        assertThat(events.peek().getThrowable()).isSameAs(bug);
    }

    @Test
    void successesAloneLogNothing() {
        log.succeeded();
        log.succeeded();

        assertThat(events).isEmpty();
    }

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    private List<Level> levels() {
        return events.stream().map(SubstituteLoggingEvent::getLevel).toList();
    }
}
