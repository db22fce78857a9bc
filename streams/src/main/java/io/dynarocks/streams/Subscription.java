package io.dynarocks.streams;

import io.dynarocks.engine.RetriedTaskLog;
import io.dynarocks.storage.StorageException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running delivery of one stream to a handler: one thread walks the shards, a child only after
 * its parent is finished, and hands each batch to the handler synchronously. A failed batch is
 * retried from the same place; after the last attempt it is skipped or the subscription stops. A store
 * that is unavailable for a while (a distributed store electing a leader) is read again after the poll interval.
 */
public final class Subscription implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Subscription.class);

    private final RetriedTaskLog unavailable;

    private final StreamStore store;
    private final StreamDescriptor stream;
    private final SubscriptionOptions options;
    private final StreamHandler handler;
    private final Consumer<Subscription> onClose;
    private final Map<String, Long> positions = new HashMap<>();
    private final Set<String> finished = new HashSet<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Exception failure;
    private boolean firstPass = true;

    Subscription(StreamStore store, StreamDescriptor stream, SubscriptionOptions options, StreamHandler handler,
            Consumer<Subscription> onClose) {
        this.store = store;
        this.stream = stream;
        this.options = options;
        this.handler = handler;
        this.onClose = onClose;
        this.unavailable = new RetriedTaskLog(LOG, "stream subscription on " + stream.tableName());
        this.thread = new Thread(this::run, "dynarocks-stream-" + stream.tableName());
        this.thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    /** True until closed, or stopped by a batch that failed every attempt under {@code OnFailure.STOP}. */
    public boolean isRunning() {
        return running;
    }

    /** The handler's last exception of a batch that stopped the subscription, or null. */
    public Exception failure() {
        return failure;
    }

    /** Stops delivering; waits for a batch in progress to finish. */
    @Override
    public void close() {
        running = false;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        onClose.accept(this);
    }

    private void run() {
        try {
            while (running) {
                if (!passUnlessUnavailable()) {
                    Thread.sleep(options.pollInterval().toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("stream subscription on {} failed", stream.tableName(), e);
            running = false;
        }
    }

    /**
     * {@link #pass}, or false when the store is unavailable for now: a shard's position moves only once a batch is
     * delivered, so the next pass goes on from where each shard got to.
     */
    private boolean passUnlessUnavailable() throws InterruptedException {
        try {
            boolean progressed = pass();
            unavailable.succeeded();
            return progressed;
        } catch (RuntimeException e) {
            if (StorageException.Unavailable.causing(e) == null) {
                throw e;
            }
            unavailable.failed(e);
            return false;
        }
    }

    /** One round over the shards; true if anything was delivered or finished. */
    private boolean pass() throws InterruptedException {
        List<Shard> shards = store.shards(stream);
        Set<String> visible = shards.stream().map(Shard::shardId).collect(Collectors.toSet());
        boolean progressed = false;
        for (Shard shard : shards) {
            String id = shard.shardId();
            String parent = shard.parentShardId();
            if (!running || finished.contains(id)
                    || parent != null && visible.contains(parent) && !finished.contains(parent)) {
                continue;
            }
            long position = positions.computeIfAbsent(id, k -> initialPosition(shard));
            StreamStore.Page page;
            try {
                page = store.read(shard, position, options.batchSize());
            } catch (StreamStore.TrimmedException e) {
                // Fell more than 24 hours behind: like Lambda, carry on from the oldest record left.
                positions.put(id, store.trimHorizon(shard));
                continue;
            }
            if (!page.records().isEmpty()) {
                if (!deliver(page.records())) {
                    running = false;
                    return true;
                }
                progressed = true;
            }
            if (page.next() < 0) {
                finished.add(id);
                positions.remove(id);
                progressed = true;
            } else {
                positions.put(id, page.next());
            }
        }
        firstPass = false;
        finished.retainAll(visible);
        return progressed;
    }

    private long initialPosition(Shard shard) {
        // Shards that appear later (children after a rollover) are read from their start.
        boolean latest = firstPass && options.startingPosition() == SubscriptionOptions.StartingPosition.LATEST;
        return latest ? store.latest(shard) : store.trimHorizon(shard);
    }

    private boolean deliver(List<StreamRecord> batch) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                handler.handle(batch);
                return true;
            } catch (Exception e) {
                LOG.debug("stream handler failed attempt {} of a batch of {} records", attempt, batch.size(), e);
                if (attempt >= options.maxAttempts()) {
                    if (options.onFailure() == SubscriptionOptions.OnFailure.SKIP) {
                        LOG.warn("skipping a batch of {} records after {} failed attempts", batch.size(), attempt);
                        return true;
                    }
                    failure = e;
                    return false;
                }
                Thread.sleep(options.retryDelay().toMillis());
            }
        }
    }
}
