package io.dynarocks.server;

import io.dynarocks.engine.RequestHandler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The server's Micrometer registry, scraped as Prometheus text on {@code GET /metrics}. Modules
 * bind their own meters (cache, TTL, streams) to {@link #registry()}.
 */
public final class ServerMetrics implements AutoCloseable {

    /** The content type of Prometheus' text exposition format. */
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
    private volatile boolean jvmMetricsBound;

    // The JVM binders load ~100 classes of java.lang.management: bound at the first scrape, not at start-up.
    private void bindJvmMetrics() {
        if (jvmMetricsBound) return;
        synchronized (this) {
            if (jvmMetricsBound) return;
            new JvmMemoryMetrics().bindTo(registry);
            new JvmThreadMetrics().bindTo(registry);
            new ProcessorMetrics().bindTo(registry);
            new UptimeMetrics().bindTo(registry);
            jvmMetricsBound = true;
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** What the dispatcher tells about each request: request metrics, then the debug request log. */
    RequestListener listener(RequestHandler operations) {
        return new RequestMetrics(registry, operations.names()).andThen(new RequestLog());
    }

    /** Runs {@code refresh} before every scrape, for meters whose tags appear over time (tables). */
    void beforeScrape(Runnable refresh) {
        beforeScrape.add(refresh);
    }

    /** All meters in Prometheus' text format. */
    String scrape() {
        bindJvmMetrics();
        beforeScrape.forEach(Runnable::run);
        return registry.scrape();
    }

    @Override
    public void close() {
        registry.close();
    }
}
