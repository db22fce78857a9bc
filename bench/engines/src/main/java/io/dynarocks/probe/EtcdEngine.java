package io.dynarocks.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * etcd 3.4: three member processes on loopback (the Debian package's binary), used through its JSON
 * gateway as DynaRocks' backend does. Batches and snapshot reads are one {@code Txn} each; the
 * read-modify-write compares the key's {@code mod_revision}.
 */
final class EtcdEngine implements EngineProbe.Engine {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Process> members = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private URI endpoint;

    static EtcdEngine start(Path dir) throws Exception {
        EtcdEngine e = new EtcdEngine();
        int[] client = new int[3];
        int[] peer = new int[3];
        for (int i = 0; i < 3; i++) {
            client[i] = freePort();
            peer[i] = freePort();
        }
        StringBuilder initial = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            initial.append(i == 0 ? "" : ",").append("m").append(i).append("=http://127.0.0.1:").append(peer[i]);
        }
        for (int i = 0; i < 3; i++) {
            e.members.add(new ProcessBuilder("etcd", "--name", "m" + i, "--data-dir", dir.resolve("m" + i).toString(),
                    "--listen-client-urls", "http://127.0.0.1:" + client[i],
                    "--advertise-client-urls", "http://127.0.0.1:" + client[i],
                    "--listen-peer-urls", "http://127.0.0.1:" + peer[i],
                    "--initial-advertise-peer-urls", "http://127.0.0.1:" + peer[i],
                    "--initial-cluster", initial.toString(), "--initial-cluster-state", "new",
                    "--max-txn-ops", "100000", "--log-level", "warn")
                    .redirectErrorStream(true).redirectOutput(dir.resolve("m" + i + ".log").toFile()).start());
        }
        e.endpoint = URI.create("http://127.0.0.1:" + client[0]);
        // Ready when a write commits (a leader is elected and a majority acknowledges).
        while (true) {
            try {
                e.putAll(List.of("ready"), "1");
                return e;
            } catch (RuntimeException notYet) {
                Thread.sleep(20);
            }
        }
    }

    private JsonNode call(String path, ObjectNode body) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(endpoint.resolve("/v3/" + path))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                throw new IllegalStateException(r.statusCode() + " " + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    @Override
    public void putAll(List<String> keys, String value) {
        ObjectNode txn = JSON.createObjectNode();
        ArrayNode success = txn.putArray("success");
        for (String k : keys) {
            success.addObject().putObject("request_put").put("key", b64(k)).put("value", b64(value));
        }
        call("kv/txn", txn);
    }

    @Override
    public List<String> scan(String from, int limit) {
        ObjectNode body = JSON.createObjectNode().put("key", b64(from)).put("range_end", b64("\0")).put("limit", limit)
                .put("keys_only", true);
        List<String> out = new ArrayList<>();
        call("kv/range", body).path("kvs").forEach(kv -> out.add(text(kv.path("key"))));
        return out;
    }

    @Override
    public void increment(String key) {
        while (true) {
            JsonNode kv = call("kv/range", JSON.createObjectNode().put("key", b64(key))).path("kvs").get(0);
            long next = Long.parseLong(text(kv.path("value"))) + 1;
            ObjectNode txn = JSON.createObjectNode();
            txn.putArray("compare").addObject().put("result", "EQUAL").put("target", "MOD").put("key", b64(key))
                    .put("mod_revision", kv.path("mod_revision").asLong());
            txn.putArray("success").addObject().putObject("request_put").put("key", b64(key))
                    .put("value", b64(Long.toString(next)));
            if (call("kv/txn", txn).path("succeeded").asBoolean()) {
                return;
            }
        }
    }

    @Override
    public List<String> snapshotRead(List<String> keys) {
        ObjectNode txn = JSON.createObjectNode();
        ArrayNode success = txn.putArray("success");
        for (String k : keys) {
            success.addObject().putObject("request_range").put("key", b64(k));
        }
        List<String> out = new ArrayList<>();
        call("kv/txn", txn).path("responses").forEach(r ->
                r.path("response_range").path("kvs").forEach(kv -> out.add(text(kv.path("value")))));
        return out;
    }

    @Override
    public long rssBytes() {
        return members.stream().mapToLong(p -> ProcessMemory.rss(p.pid())).sum();
    }

    @Override
    public void close() {
        members.forEach(Process::destroy);
        for (Process p : members) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(JsonNode b64) {
        return new String(Base64.getDecoder().decode(b64.asText()), StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
