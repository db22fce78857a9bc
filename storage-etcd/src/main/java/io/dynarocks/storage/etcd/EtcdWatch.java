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
 * listener reloads; when the stream breaks it reconnects to the next member.
 */
final class EtcdWatch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdWatch.class);

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

    private void safely(byte[] key) {
        try {
            listener.accept(key);
        } catch (RuntimeException e) {
            LOG.warn("a storage watch listener failed", e);
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
