package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line server under more than it can take: 1,000 connections sending large writes at once
 * into a small heap, slow-loris clients, idle connections and oversized bodies. It keeps answering
 * (200, or DynamoDB's 503 ServiceUnavailable with Retry-After when the in-flight request memory is
 * spent), never runs out of memory, cuts off clients that dawdle, and serves normally once load drops.
 */
class OverloadIT {

    private static final String PUT = "DynamoDB_20120810.PutItem";
    private static final int CONNECTIONS = 1_000;
    /** Each client's PutItem: ~100 KB, so 1,000 of them (100 MB) are far more than a 128 MB heap's budget (32 MB). */
    private static final int VALUE_BYTES = 100_000;
    private static final int REQUESTS_PER_CONNECTION = 2;

    @TempDir
    Path dataDir;

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private URI start(String... options) throws IOException {
        // On RocksDB, so that the data written lives off the heap and only requests in flight are on it.
        List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", dataDir.toString()));
        args.addAll(List.of(options));
        server = ServerProcess.start(List.of("-Xmx128m", "-XX:+ExitOnOutOfMemoryError"), args.toArray(String[]::new));
        URI endpoint = ServerProcess.awaitEndpoint(server);
        try (RawHttp http = new RawHttp(endpoint)) {
            assertThat(http.post("DynamoDB_20120810.CreateTable", """
                    {"TableName":"load","BillingMode":"PAY_PER_REQUEST",
                     "AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],
                     "KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}]}""").status()).isEqualTo(200);
        }
        return endpoint;
    }

    @Test
    void thousandConnectionsOfLargeWritesGetAnswersOr503RetryAfterAndTheServerRecovers() throws Exception {
        URI endpoint = start();
        String padding = "x".repeat(VALUE_BYTES);
        Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        AtomicLong refusedWithoutRetryAfter = new AtomicLong();
        CountDownLatch connected = new CountDownLatch(CONNECTIONS);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < CONNECTIONS; c++) {
            int client = c;
            Thread t = new Thread(() -> {
                // Answers may queue for minutes on a machine this loaded; what matters is that they come.
                try (RawHttp http = new RawHttp(endpoint, Duration.ofMinutes(5))) {
                    connected.countDown();
                    go.await();
                    for (int i = 0; i < REQUESTS_PER_CONNECTION; i++) {
                        String body = "{\"TableName\":\"load\",\"Item\":{\"pk\":{\"S\":\"c" + client % 100 + "-" + i
                                + "\"},\"v\":{\"S\":\"" + padding + "\"}}}";
                        RawHttp.Response r = http.post(PUT, body);
                        statuses.computeIfAbsent(r.status(), s -> new LongAdder()).increment();
                        if (r.status() == 503 && (r.header("Retry-After") == null
                                || !r.text().contains("#ServiceUnavailable"))) {
                            refusedWithoutRetryAfter.incrementAndGet();
                        }
                    }
                } catch (Exception e) {
                    connected.countDown();
                    failures.computeIfAbsent(e.getClass().getSimpleName() + ": " + e.getMessage(),
                            k -> new LongAdder()).increment();
                }
            }, "overload-client-" + c);
            t.setDaemon(true);
            clients.add(t);
            t.start();
        }
        assertThat(connected.await(120, TimeUnit.SECONDS)).isTrue();
        long openFilesUnderLoad = openFiles(server.pid());
        MemoryPeak peak = MemoryPeak.watch(server.pid());
        go.countDown();
        for (Thread t : clients) {
            t.join(TimeUnit.MINUTES.toMillis(6));
        }
        peak.stop();

        System.out.printf("overload: %d connections x %d PutItem of %d KB: %s; peak RSS %d MB; open files under load %d%n",
                CONNECTIONS, REQUESTS_PER_CONNECTION, VALUE_BYTES / 1000, statuses, peak.maxKb() / 1024,
                openFilesUnderLoad);
        assertThat(failures).as("connections dropped or unanswered").isEmpty();
        assertThat(statuses.keySet()).as("statuses answered").isSubsetOf(200, 503);
        assertThat(statuses.values().stream().mapToLong(LongAdder::sum).sum())
                .isEqualTo((long) CONNECTIONS * REQUESTS_PER_CONNECTION);
        assertThat(refusedWithoutRetryAfter).hasValue(0);
        assertThat(server.isAlive()).as("server alive (no OutOfMemoryError)").isTrue();
        // 200 MB of requests arrived; what the server may hold is its 128 MB heap (the in-flight budget is a
        // quarter of it), RocksDB's 96 MB and the JVM's own ~150 MB (classes, code, threads, GC): requests held
        // outside the heap would show beyond that.
        assertThat(peak.maxKb()).as("peak resident memory (KB)").isLessThanOrEqualTo(512 * 1024);

        // Load gone: every request is served again.
        try (RawHttp http = new RawHttp(endpoint)) {
            for (int i = 0; i < 50; i++) {
                assertThat(http.post(PUT, "{\"TableName\":\"load\",\"Item\":{\"pk\":{\"S\":\"after" + i
                        + "\"},\"v\":{\"S\":\"" + padding + "\"}}}").status()).isEqualTo(200);
            }
            assertThat(http.post("DynamoDB_20120810.GetItem",
                    "{\"TableName\":\"load\",\"Key\":{\"pk\":{\"S\":\"after49\"}}}").text()).contains(padding);
        }
    }

    @Test
    void slowLorisAndIdleConnectionsAreCutOffWhileOthersAreServed() throws Exception {
        URI endpoint = start("--request-timeout", "1s", "--idle-timeout", "2s");
        long baseline = openFiles(server.pid());
        List<Socket> trickling = new ArrayList<>();
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Socket s = new Socket(endpoint.getHost(), endpoint.getPort());
            s.getOutputStream().write("POST / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            trickling.add(s);
            idle.add(new Socket(endpoint.getHost(), endpoint.getPort()));
        }
        // Headers keep trickling in, a byte every 300 ms, never finished: the request deadline still passes.
        for (int round = 0; round < 20 && trickling.stream().anyMatch(s -> !closedByPeer(s, 1)); round++) {
            for (Socket s : trickling) {
                try {
                    s.getOutputStream().write('X');
                } catch (IOException closed) {
                    // already cut off
                }
            }
            Thread.sleep(300);
        }
        for (Socket s : trickling) {
            assertThat(closedByPeer(s, 5_000)).as("slow-loris connection closed").isTrue();
        }
        for (Socket s : idle) {
            assertThat(closedByPeer(s, 10_000)).as("idle connection closed").isTrue();
        }
        // A client sending promptly is served all along, on a connection kept alive between requests.
        try (RawHttp http = new RawHttp(endpoint)) {
            assertThat(http.post(PUT, "{\"TableName\":\"load\",\"Item\":{\"pk\":{\"S\":\"prompt\"}}}").status())
                    .isEqualTo(200);
            assertThat(http.post("DynamoDB_20120810.GetItem",
                    "{\"TableName\":\"load\",\"Key\":{\"pk\":{\"S\":\"prompt\"}}}").status()).isEqualTo(200);
        }
        for (Socket s : trickling) {
            s.close();
        }
        for (Socket s : idle) {
            s.close();
        }
        // Every descriptor of the cut-off connections is given back.
        long after = openFiles(server.pid());
        for (int i = 0; i < 50 && after > baseline + 5; i++) {
            Thread.sleep(100);
            after = openFiles(server.pid());
        }
        assertThat(after).isLessThanOrEqualTo(baseline + 5);
    }

    @Test
    void oversizedBodiesAreRefusedWith413BeforeTheyAreRead() throws Exception {
        URI endpoint = start();
        try (Socket s = new Socket(endpoint.getHost(), endpoint.getPort())) {
            s.setSoTimeout(30_000);
            // 20 MB announced, nothing sent: DynamoDB's limit is 16 MB, so the answer comes from the headers alone.
            s.getOutputStream().write(("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: " + PUT
                    + "\r\nContent-Type: application/x-amz-json-1.0\r\nContent-Length: 20000000\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
        try (Socket s = new Socket(endpoint.getHost(), endpoint.getPort())) {
            s.setSoTimeout(30_000);
            // Chunked, no length announced: cut off once past the limit.
            OutputStream out = s.getOutputStream();
            out.write(("POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Target: " + PUT
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[1 << 20];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try {
                for (int i = 0; i < 20; i++) {
                    out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException cutOff) {
                // the server stopped reading and closed: expected
            }
            String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertThat(status).isEqualTo("HTTP/1.1 413");
        }
        try (RawHttp http = new RawHttp(endpoint)) {
            assertThat(http.post(PUT, "{\"TableName\":\"load\",\"Item\":{\"pk\":{\"S\":\"small\"}}}").status())
                    .isEqualTo(200);
        }
    }

    /** Whether the server has closed {@code s} (end of stream) within {@code millis}. */
    private static boolean closedByPeer(Socket s, int millis) {
        try {
            s.setSoTimeout(millis);
            InputStream in = s.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset by the server
        }
    }

    static long openFiles(long pid) throws IOException {
        try (var files = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return files.count();
        }
    }

    /** Samples a process's resident memory (VmRSS of /proc/PID/status) in the background. */
    static final class MemoryPeak {
        private final Thread sampler;
        private final AtomicLong maxKb = new AtomicLong();
        private volatile boolean running = true;

        private MemoryPeak(long pid) {
            sampler = new Thread(() -> {
                while (running) {
                    maxKb.accumulateAndGet(rssKb(pid), Math::max);
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "rss-sampler");
            sampler.setDaemon(true);
        }

        static MemoryPeak watch(long pid) {
            MemoryPeak peak = new MemoryPeak(pid);
            peak.sampler.start();
            return peak;
        }

        void stop() throws InterruptedException {
            running = false;
            sampler.join();
        }

        long maxKb() {
            return maxKb.get();
        }
    }

    /** VmRSS of a process in KB, 0 once it is gone. */
    static long rssKb(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }
}
