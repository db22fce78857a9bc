package io.dynarocks.streams;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.streams.operation.DescribeStreamOperation;
import io.dynarocks.streams.operation.DescribeStreamRequest;
import io.dynarocks.streams.operation.GetRecordsOperation;
import io.dynarocks.streams.operation.GetRecordsRequest;
import io.dynarocks.streams.operation.GetShardIteratorOperation;
import io.dynarocks.streams.operation.GetShardIteratorRequest;
import io.dynarocks.streams.operation.ListStreamsOperation;
import io.dynarocks.streams.operation.ListStreamsRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB Streams on one engine: records every change of tables with a stream, serves the Streams
 * API, runs in-process subscribers ({@link #subscribe}), the analogue of Lambda event-source mappings,
 * and deletes records past retention every {@link #TRIM_INTERVAL}.
 */
public final class Streams implements AutoCloseable {

    /** How often records older than 24 hours are physically deleted (readers never see them anyway). */
    public static final Duration TRIM_INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(Streams.class);

    private final StreamStore store;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final StreamTrimmer trimmer;
    private final ScheduledExecutorService trimming;

    private Streams(Engine engine, Duration rolloverPeriod) {
        this.store = new StreamStore(engine, rolloverPeriod);
        this.trimmer = new StreamTrimmer(store);
        this.trimming = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynarocks-stream-trimmer");
            t.setDaemon(true);
            return t;
        });
        long millis = TRIM_INTERVAL.toMillis();
        trimming.scheduleWithFixedDelay(() -> trimLogged(trimmer), millis, millis, TimeUnit.MILLISECONDS);
    }

    private static void trimLogged(StreamTrimmer trimmer) {
        try {
            long deleted = trimmer.trim();
            if (deleted > 0) {
                LOG.debug("deleted {} stream records past retention", deleted);
            }
        } catch (RuntimeException e) {
            LOG.error("stream trim failed; retrying at the next interval", e);
        }
    }

    /** Hooks streams into {@code engine} and registers the Streams API in {@code registry}. */
    public static Streams install(Engine engine, OperationRegistry registry, Duration rolloverPeriod) {
        Streams streams = new Streams(engine, rolloverPeriod);
        engine.addHook(new StreamRecorder(streams.store));
        String s = OperationRegistry.STREAMS;
        registry.register(s, "ListStreams", ListStreamsRequest::decode, new ListStreamsOperation(streams.store));
        registry.register(s, "DescribeStream", DescribeStreamRequest::decode,
                new DescribeStreamOperation(streams.store));
        registry.register(s, "GetShardIterator", GetShardIteratorRequest::decode,
                new GetShardIteratorOperation(streams.store));
        registry.register(s, "GetRecords", GetRecordsRequest::decode, new GetRecordsOperation(streams.store));
        return streams;
    }

    /**
     * Delivers the records of {@code tableName}'s current stream to {@code handler}, in order per
     * shard (a shard only after its parent), from a background thread, until the subscription is closed.
     *
     * @throws IllegalArgumentException when the table has no enabled stream
     */
    public Subscription subscribe(String tableName, SubscriptionOptions options, StreamHandler handler) {
        StreamDescriptor d = store.streams().stream()
                .filter(s -> s.tableName().equals(tableName) && s.enabled()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Table " + tableName + " has no enabled stream"));
        Subscription s = new Subscription(store, d, options, handler, subscriptions::remove);
        subscriptions.add(s);
        s.start();
        return s;
    }

    StreamStore store() {
        return store;
    }

    StreamTrimmer trimmer() {
        return trimmer;
    }

    /** Stops every subscription and the trimmer; call before the engine closes. */
    @Override
    public void close() {
        subscriptions.forEach(Subscription::close);
        trimming.shutdownNow();
        try {
            trimming.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
