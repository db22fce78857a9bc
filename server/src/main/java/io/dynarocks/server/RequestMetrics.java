package io.dynarocks.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Requests and latency per action ({@code dynarocks_requests_seconds}) and errors per action and
 * type ({@code dynarocks_errors_total}).
 */
final class RequestMetrics implements RequestListener {

    /** Targets outside the registry share one tag value, so junk targets cannot grow the series without bound. */
    static final String UNKNOWN_ACTION = "unknown";

    private final MeterRegistry registry;
    private final Set<String> knownTargets;
    /**
     * The success timer of each known target: Micrometer finds a registered meter again by building its id
     * (name, tags, a sorted tag list, a hash lookup), which cost ~15 % of a GetItem's dispatch in a profile.
     * Bounded by the registry's targets.
     */
    private final Map<String, Timer> successes = new ConcurrentHashMap<>();

    RequestMetrics(MeterRegistry registry, Set<String> knownTargets) {
        this.registry = registry;
        this.knownTargets = knownTargets;
    }

    @Override
    public void completed(String target, int status, String errorType, long nanos) {
        if (errorType == null && target != null && knownTargets.contains(target)) {
            successes.computeIfAbsent(target, t -> timer(action(t), "success")).record(nanos, TimeUnit.NANOSECONDS);
            return;
        }
        String action = action(target);
        timer(action, errorType == null ? "success" : "error").record(nanos, TimeUnit.NANOSECONDS);
        if (errorType != null) {
            Counter.builder("dynarocks.errors")
                    .description("Error replies by action and DynamoDB error type")
                    .tag("action", action)
                    .tag("type", errorType)
                    .tag("status", Integer.toString(status))
                    .register(registry)
                    .increment();
        }
    }

    /** Registers the timer, or finds the one registered before (Micrometer keeps meters by id). */
    private Timer timer(String action, String outcome) {
        return Timer.builder("dynarocks.requests")
                .description("Requests by action, with their latency")
                .tag("action", action)
                .tag("outcome", outcome)
                .serviceLevelObjectives(Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(25),
                        Duration.ofMillis(100), Duration.ofMillis(500))
                .register(registry);
    }

    private String action(String target) {
        if (target == null || !knownTargets.contains(target)) {
            return UNKNOWN_ACTION;
        }
        return target.substring(target.indexOf('.') + 1);
    }
}
