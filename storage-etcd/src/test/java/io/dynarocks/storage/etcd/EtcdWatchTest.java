package io.dynarocks.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.dynarocks.storage.StorageException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a watch does when its listener (a cache refreshing itself from the store) fails. */
class EtcdWatchTest {

    private static final byte[] PREFIX = "p/".getBytes(StandardCharsets.UTF_8);

    private HttpServer member;
    private ExecutorService handlers;
    private EtcdStorage storage;
    private final AtomicInteger watchRequests = new AtomicInteger();
    /** Counted down when the listener has reloaded once (after the watch was created). */
    private final CountDownLatch reloaded = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    /** The store's table entries, and the listener's cache of them. */
    private final Map<String, String> stored = new ConcurrentHashMap<>(Map.of("t", "v1"));
    private final Map<String, String> cached = new ConcurrentHashMap<>(Map.of("t", "v1"));
    /** How many of the listener's next calls fail, as a read during a loss of quorum does. */
    private final AtomicInteger failuresLeft = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        member = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        handlers = Executors.newCachedThreadPool();
        member.setExecutor(handlers);
        member.createContext("/v3/kv/range", exchange -> answer(exchange, "{\"header\":{\"revision\":\"7\"},\"kvs\":[]}"));
        member.createContext("/v3/watch", this::watch);
        member.start();
        storage = EtcdStorage.open(List.of(URI.create("http://127.0.0.1:" + member.getAddress().getPort())), PREFIX);
    }

    @AfterEach
    void stop() {
        finished.countDown();
        storage.close();
        member.stop(0);
        handlers.shutdownNow();
    }

    private static void answer(HttpExchange exchange, String json) throws IOException {
        exchange.getRequestBody().readAllBytes();
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * The first watch: created, then (once the listener has reloaded) one change of "Ct", reported while
     * the listener's reads fail; the stream then stays open, so no reconnection makes up for a lost event.
     */
    private void watch(HttpExchange exchange) throws IOException {
        exchange.getRequestBody().readAllBytes();
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            if (watchRequests.incrementAndGet() == 1) {
                line(out, "{\"result\":{\"header\":{\"revision\":\"7\"},\"created\":true}}");
                waitFor(reloaded);
                stored.put("t", "v2");
                failuresLeft.set(2);
                String key = EtcdStorage.b64("p/Ct".getBytes(StandardCharsets.UTF_8));
                line(out, "{\"result\":{\"header\":{\"revision\":\"8\"},\"events\":[{\"kv\":{\"key\":\"" + key + "\"}}]}}");
            }
            waitFor(finished);
        }
    }

    private static void line(OutputStream out, String json) throws IOException {
        out.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Refreshes one cached entry (key "C" + name), or every cached entry for null. */
    private void refresh(byte[] key) {
        if (failuresLeft.getAndDecrement() > 0) {
            throw new StorageException.Unavailable("etcdserver: request timed out");
        }
        if (key == null) {
            cached.keySet().forEach(name -> cached.put(name, stored.get(name)));
            reloaded.countDown();
        } else {
            String name = new String(key, 1, key.length - 1, StandardCharsets.UTF_8);
            cached.put(name, stored.get(name));
        }
    }

    @Test
    void aChangeWhoseRefreshFailedReachesTheCacheOnceTheStoreAnswersAgain() {
        storage.watch("C".getBytes(StandardCharsets.UTF_8), this::refresh);

        await().untilAsserted(() -> assertThat(cached).isEqualTo(Map.of("t", "v2")));
        assertThat(failuresLeft.get()).isNegative(); // both failures happened, then a call succeeded
        assertThat(watchRequests).hasValue(1); // made good by the retried reload, not by a reconnection
    }
}
