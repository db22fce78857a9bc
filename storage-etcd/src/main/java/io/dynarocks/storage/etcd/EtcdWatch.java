package io.dynarocks.storage.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One etcd watch on a key prefix ({@code POST /v3/watch}, a stream of JSON messages), on a daemon
 * thread. Whenever the watch is (re)established it reports "may have missed changes" (null), so the
 * listener reloads; when the stream breaks it reconnects to the next member. A listener call that
 * throws (its reload from the store gave up while the cluster had no quorum, say) is not dropped: the
 * watch calls the listener with null (reload everything) again, with growing pauses, until that
 * succeeds, before it delivers any later event, so no older reload can overtake a newer one.
 */
final class EtcdWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdWatch.class);
    /** The first and the longest pause before calling a failed listener again. */
    private static final long FIRST_RETRY_MILLIS = 100;
    private static final long MAX_RETRY_MILLIS = 5_000;

    private final EtcdStorage storage;
    private final byte[] from;
    private final byte[] to;
    private final Consumer<byte[]> listener;
    private final Thread thread;
    private volatile boolean closed;
    private volatile Stream<String> current;

    EtcdWatch(EtcdStorage storage, byte[] from, byte[] to, Consumer<byte[]> listener) {
        this.storage = storage;
        this.from = from;
        this.to = to;
        this.listener = listener;
        this.thread = new Thread(this::run, "dynarocks-etcd-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (!closed) {
            try {
                var body = EtcdClient.object();
                body.putObject("create_request").put("key", EtcdStorage.b64(from)).put("range_end", EtcdStorage.b64(to));
                HttpResponse<Stream<String>> response = storage.client().stream("watch", body);
                try (Stream<String> lines = response.body()) {
                    current = lines;
                    if (closed) {
                        return;
                    }
                    lines.forEach(line -> deliver(line));
                }
            } catch (Exception e) {
                if (!closed) {
                    LOG.debug("etcd watch broke; reconnecting", e);
                }
            }
            if (closed) {
                return;
            }
            storage.client().failover();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void deliver(String line) {
        if (line.isBlank()) {
            return;
        }
        try {
            JsonNode result = EtcdClient.JSON.readTree(line).path("result");
            if (result.path("created").asBoolean(false)) {
                // Watching from now: whatever changed before (or while reconnecting) was not reported.
                safely(null);
            }
            for (JsonNode event : result.path("events")) {
                safely(storage.unprefixed(event.path("kv").path("key")));
            }
        } catch (java.io.IOException e) {
            safely(null);
        }
    }

    /**
     * Calls the listener with {@code key}; when it throws, calls it with null until that succeeds (or the
     * watch closes). Retrying on this thread holds back later events, so they follow the reload.
     */
    private void safely(byte[] key) {
        RuntimeException failure = call(key);
        if (failure == null) {
            return;
        }
        LOG.warn("a storage watch listener failed; reloading the watched keys until it succeeds", failure);
        long pause = FIRST_RETRY_MILLIS;
        for (int attempt = 1; !closed; attempt++) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            pause = Math.min(MAX_RETRY_MILLIS, pause * 2);
            failure = call(null);
            if (failure == null) {
                LOG.info("a storage watch listener works again after {} reload attempt(s)", attempt);
                return;
            }
            LOG.warn("a storage watch listener's reload failed; trying again: {}", failure.toString());
        }
    }

    private RuntimeException call(byte[] key) {
        try {
            listener.accept(key);
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    @Override
    public void close() {
        closed = true;
        Stream<String> s = current;
        if (s != null) {
            s.close();
        }
        thread.interrupt();
    }
}
