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

    private final Path etcd;
    private final Path dir;
    private final int[] clientPorts = new int[MEMBERS];
    private final int[] peerPorts = new int[MEMBERS];
    private final Process[] members = new Process[MEMBERS];

    private EtcdCluster() throws IOException {
        this.etcd = SystemPackages.require("etcd", "etcd-server");
        this.dir = Files.createTempDirectory("dynarocks-etcd");
        for (int i = 0; i < MEMBERS; i++) {
            clientPorts[i] = freePort();
            peerPorts[i] = freePort();
        }
    }

    /** Starts the cluster and waits until it has a leader. */
    static EtcdCluster start() throws IOException, InterruptedException {
        EtcdCluster cluster = new EtcdCluster();
        try {
            for (int i = 0; i < MEMBERS; i++) {
                cluster.startMember(i, "new");
            }
            cluster.awaitHealthy();
            return cluster;
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
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
                "--log-level", "warn");
        members[i] = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("m" + i + ".log").toFile())
                .start();
    }

    private void awaitHealthy() throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoints().get(0).resolve("/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"true\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("etcd cluster did not become healthy; logs in " + dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
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
