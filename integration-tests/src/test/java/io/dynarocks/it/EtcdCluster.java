package io.dynarocks.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A 3-member etcd cluster on loopback, free ports and a temporary folder, for the tests of the etcd
 * backend; installs Debian's etcd-server when etcd is missing. Members can be killed and restarted.
 */
final class EtcdCluster implements AutoCloseable {

    private static final int MEMBERS = 3;
    private static final int START_ATTEMPTS = 3;
    /**
     * How long a starting cluster may take to elect a leader. Seconds when the machine is idle; the bound is
     * for a machine whose cores are busy with other tests (etcd then waits for the CPU, not for anything to fail).
     */
    private static final Duration HEALTHY_WITHIN = Duration.ofMinutes(3);

    private final Path etcd;
    private final Path dir;
    private final int[] clientPorts = new int[MEMBERS];
    private final int[] peerPorts = new int[MEMBERS];
    private final Process[] members = new Process[MEMBERS];

    private EtcdCluster(Path etcd) throws IOException {
        this.etcd = etcd;
        this.dir = Files.createTempDirectory("dynarocks-etcd");
        // Every port is held until all are chosen, so no two members are given the same one.
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < MEMBERS; i++) {
                clientPorts[i] = hold(held);
                peerPorts[i] = hold(held);
            }
        } finally {
            for (ServerSocket s : held) {
                s.close();
            }
        }
    }

    /**
     * Starts the cluster and waits until every member is healthy (has a leader). A member that cannot
     * start (another process took one of its ports between their choice and its start) fails the attempt,
     * and the cluster is started again on other ports.
     */
    static EtcdCluster start() throws IOException, InterruptedException {
        Path etcd = SystemPackages.require("etcd", "etcd-server");
        RuntimeException failure = new IllegalStateException("etcd cluster did not start");
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            EtcdCluster cluster = new EtcdCluster(etcd);
            try {
                for (int i = 0; i < MEMBERS; i++) {
                    cluster.startMember(i, "new");
                }
                cluster.awaitHealthy();
                return cluster;
            } catch (IllegalStateException e) {
                failure.addSuppressed(e);
                cluster.close();
            } catch (IOException | InterruptedException | RuntimeException e) {
                cluster.close();
                throw e;
            }
        }
        throw failure;
    }

    /** The client URLs of every member. */
    List<URI> endpoints() {
        List<URI> out = new ArrayList<>();
        for (int port : clientPorts) {
            out.add(URI.create("http://127.0.0.1:" + port));
        }
        return out;
    }

    /** The endpoints as {@code --etcd-endpoints} takes them. */
    String endpointList() {
        return endpoints().stream().map(URI::toString).collect(Collectors.joining(","));
    }

    /** The index of the member that leads the cluster now. */
    int leader() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        for (int i = 0; i < MEMBERS; i++) {
            if (members[i] == null) {
                continue;
            }
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoints().get(i).resolve("/v3/maintenance/status"))
                    .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
            var status = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
            if (status.path("leader").asText().equals(status.path("header").path("member_id").asText())) {
                return i;
            }
        }
        throw new IllegalStateException("no member leads");
    }

    /** Deletes every key under {@code prefix} (a test class's keys, once its servers are closed). */
    void deletePrefix(String prefix) {
        byte[] from = prefix.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] to = io.dynarocks.storage.Bytes.prefixEnd(from);
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        String body = "{\"key\":\"" + b64.encodeToString(from) + "\",\"range_end\":\"" + b64.encodeToString(to) + "\"}";
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(endpoints().get(0)
                    .resolve("/v3/kv/deleterange")).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("etcd refused to delete " + prefix + ": " + r.body());
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Kills member {@code i} at once (SIGKILL), as a crash would. */
    void kill(int i) throws InterruptedException {
        Process p = members[i];
        if (p != null) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
            members[i] = null;
        }
    }

    /** Restarts a killed member on its data folder. */
    void restart(int i) throws IOException {
        startMember(i, "existing");
    }

    private void startMember(int i, String state) throws IOException {
        String initial = java.util.stream.IntStream.range(0, MEMBERS)
                .mapToObj(m -> "m" + m + "=http://127.0.0.1:" + peerPorts[m])
                .collect(Collectors.joining(","));
        List<String> command = List.of(etcd.toString(),
                "--name", "m" + i,
                "--data-dir", dir.resolve("m" + i).toString(),
                "--listen-client-urls", "http://127.0.0.1:" + clientPorts[i],
                "--advertise-client-urls", "http://127.0.0.1:" + clientPorts[i],
                "--listen-peer-urls", "http://127.0.0.1:" + peerPorts[i],
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + peerPorts[i],
                "--initial-cluster", initial,
                "--initial-cluster-state", state,
                "--initial-cluster-token", dir.getFileName().toString(),
                // DynaRocks batches (a transaction's items with their index, stream and counter entries)
                // exceed etcd's defaults of 128 operations and 1.5 MiB per transaction.
                "--max-txn-ops", "100000",
                "--max-request-bytes", "33554432",
                "--auto-compaction-mode", "periodic",
                "--auto-compaction-retention", "10m",
                // A member starved of CPU by other tests must not be taken for dead: etcd's defaults
                // (100 ms heartbeats, 1 s election timeout) start needless elections on a loaded machine.
                "--heartbeat-interval", "250",
                "--election-timeout", "2500",
                "--log-level", "warn");
        members[i] = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("m" + i + ".log").toFile())
                .start();
    }

    /** Waits until every member answers that it is healthy (e.g. a restarted one has caught up with a leader). */
    void awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + HEALTHY_WITHIN.toNanos();
        boolean[] healthy = new boolean[MEMBERS];
        while (true) {
            int count = 0;
            for (int i = 0; i < MEMBERS; i++) {
                if (!members[i].isAlive()) {
                    throw new IllegalStateException("etcd member m" + i + " exited: " + log(i));
                }
                healthy[i] = healthy[i] || healthy(http, i);
                count += healthy[i] ? 1 : 0;
            }
            if (count == MEMBERS) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("etcd cluster not healthy within " + HEALTHY_WITHIN + "; member 0: " + log(0));
            }
            Thread.sleep(100);
        }
    }

    /** Whether member {@code i} answers that it is healthy (it has a leader). */
    private boolean healthy(HttpClient http, int i) throws InterruptedException {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoints().get(i).resolve("/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 && r.body().contains("\"true\"");
        } catch (IOException e) {
            return false; // not listening yet, or too busy to answer in time
        }
    }

    /** The end of member {@code i}'s log, for a failure's message. */
    private String log(int i) {
        try {
            String all = Files.readString(dir.resolve("m" + i + ".log"));
            return all.substring(Math.max(0, all.length() - 2000));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int hold(List<ServerSocket> held) throws IOException {
        ServerSocket s = new ServerSocket(0);
        held.add(s);
        return s.getLocalPort();
    }

    @Override
    public void close() throws InterruptedException {
        for (int i = 0; i < MEMBERS; i++) {
            kill(i);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary folder is harmless
        }
    }
}
