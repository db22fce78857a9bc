package io.dynarocks.streams;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.RetriedTaskLog;
import io.dynarocks.streams.operation.DescribeStreamOperation;
import io.dynarocks.streams.operation.DescribeStreamRequest;
import io.dynarocks.streams.operation.GetRecordsOperation;
import io.dynarocks.streams.operation.GetRecordsRequest;
import io.dynarocks.streams.operation.GetShardIteratorOperation;
import io.dynarocks.streams.operation.GetShardIteratorRequest;
import io.dynarocks.streams.operation.ListStreamsOperation;
import io.dynarocks.streams.operation.ListStreamsRequest;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DynamoDB Streams on one engine: records every change of tables with a stream, serves the Streams
 * API, runs in-process subscribers ({@link #subscribe}), the analogue of Lambda event-source mappings,
 * posts them to webhooks ({@link #webhook}), and deletes records past retention every {@link #TRIM_INTERVAL}.
 */
public final class Streams implements AutoCloseable {

    /** How often records older than 24 hours are physically deleted (readers never see them anyway). */
    public static final Duration TRIM_INTERVAL = Duration.ofMinutes(1);

    /** How often a webhook looks for a newly enabled stream of its table. */
    private static final Duration FOLLOW_INTERVAL = Duration.ofMillis(100);
    private static final Logger LOG = LoggerFactory.getLogger(Streams.class);

    private final StreamStore store;
    private final List<Subscription> subscriptions = new CopyOnWriteArrayList<>();
    private final List<TableFollower> followers = new CopyOnWriteArrayList<>();
    private final StreamTrimmer trimmer;
    private final ScheduledExecutorService scheduler;

    private Streams(Engine engine, Duration rolloverPeriod) {
        this.store = new StreamStore(engine, rolloverPeriod);
        this.trimmer = new StreamTrimmer(store);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dynarocks-streams-scheduler");
            t.setDaemon(true);
            return t;
        });
        // The trimmer and the webhooks' table watch share this one thread.
        long millis = TRIM_INTERVAL.toMillis();
        RetriedTaskLog failures = new RetriedTaskLog(LOG, "stream trim");
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                // Once per cluster when servers share the store.
                engine.storage().runIfLeader("stream-trimmer", () -> trim(trimmer));
                failures.succeeded();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    private static void trim(StreamTrimmer trimmer) {
        long deleted = trimmer.trim();
        if (deleted > 0) {
            LOG.debug("deleted {} stream records past retention", deleted);
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
        return subscribe(d, options, handler);
    }

    private Subscription subscribe(StreamDescriptor d, SubscriptionOptions options, StreamHandler handler) {
        Subscription s = new Subscription(store, d, options, handler, subscriptions::remove);
        subscriptions.add(s);
        s.start();
        return s;
    }

    /**
     * POSTs every batch of the webhook's table to its URL as Lambda's DynamoDB event, following the
     * table's streams as {@link StreamWebhook} describes, until closed (or until these streams close).
     */
    public AutoCloseable webhook(StreamWebhook webhook) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        TableFollower follower = new TableFollower(webhook.tableName(), store,
                d -> new WebhookPoster(client, webhook.url(), store.region(), d.arn()), (d, h) -> subscribe(d, webhook.options(), h));
        followers.add(follower);
        follower.check();
        long millis = FOLLOW_INTERVAL.toMillis();
        RetriedTaskLog failures = new RetriedTaskLog(LOG,
                "stream webhook of table " + webhook.tableName() + " looking for its stream");
        ScheduledFuture<?> watch = scheduler.scheduleWithFixedDelay(() -> {
            try {
                follower.check();
                failures.succeeded();
            } catch (RuntimeException e) {
                failures.failed(e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
        return () -> {
            watch.cancel(false);
            followers.remove(follower);
            follower.close();
        };
    }

    /** The change log under these streams, for modules that read it durably (global table replication). */
    public StreamStore store() {
        return store;
    }

    StreamTrimmer trimmer() {
        return trimmer;
    }

    /** Stops every subscription and the trimmer; call before the engine closes. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        followers.forEach(TableFollower::close);
        subscriptions.forEach(Subscription::close);
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
