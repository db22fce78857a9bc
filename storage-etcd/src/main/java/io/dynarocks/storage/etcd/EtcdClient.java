package io.dynarocks.storage.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynarocks.storage.StorageException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * etcd's v3 API through its JSON gateway ({@code POST /v3/kv/range}, {@code /v3/kv/txn}, ...) over the
 * JDK's HTTP client, failing over between the cluster's members: any member serves any request (a
 * follower forwards writes to the leader, reads are linearizable). A request is retried on another
 * member only when it certainly was not applied (the connection was refused, or the member had no
 * leader); otherwise a write's outcome is unknown and the caller gets a {@link StorageException}.
 */
final class EtcdClient {

    static final ObjectMapper JSON = new ObjectMapper();
    /** How long a request keeps trying other members while the cluster has no leader or members are down. */
    private static final Duration FAILOVER = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final List<URI> endpoints;
    private final AtomicInteger current = new AtomicInteger();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    EtcdClient(List<URI> endpoints) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no etcd endpoint given");
        }
        this.endpoints = List.copyOf(endpoints);
    }

    /** Sends {@code body} to {@code path} (e.g. {@code kv/range}) and returns the response. */
    JsonNode call(String path, ObjectNode body) {
        byte[] request;
        try {
            request = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new StorageException("cannot encode an etcd request", e);
        }
        long deadline = System.nanoTime() + FAILOVER.toNanos();
        while (true) {
            int at = current.get();
            URI endpoint = endpoints.get(Math.floorMod(at, endpoints.size()));
            try {
                HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(endpoint.resolve("/v3/" + path))
                        .timeout(TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                        .build(), HttpResponse.BodyHandlers.ofByteArray());
                // Read whole: closing a half-read body stream would close the pooled connection.
                JsonNode answer = JSON.readTree(response.body());
                if (response.statusCode() == 200 && !answer.has("error")) {
                    return answer;
                }
                String message = answer.path("message").asText(answer.path("error").asText("HTTP " + response.statusCode()));
                if (!notApplied(message) || System.nanoTime() > deadline) {
                    throw new StorageException("etcd " + path + " failed: " + message);
                }
                current.compareAndSet(at, at + 1);
            } catch (ConnectException e) {
                // Refused or unreachable: the request never reached that member, so another may serve it.
                if (System.nanoTime() > deadline) {
                    throw new StorageException("no etcd member reachable of " + endpoints, e);
                }
                current.compareAndSet(at, at + 1);
            } catch (HttpTimeoutException e) {
                throw new StorageException("etcd " + path + " timed out; its outcome is unknown", e);
            } catch (IOException e) {
                throw new StorageException("etcd " + path + " failed; its outcome is unknown", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted during etcd " + path, e);
            }
            pause();
        }
    }

    /** Errors etcd returns before proposing a request to Raft, so retrying cannot apply it twice. */
    private static boolean notApplied(String message) {
        return message.contains("no leader") || message.contains("not capable")
                || message.contains("too many requests") || message.contains("server stopped");
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("interrupted while waiting for an etcd member", e);
        }
    }

    /** A blocking stream of the JSON messages of a streaming call ({@code watch}, {@code lease/keepalive}). */
    HttpResponse<java.util.stream.Stream<String>> stream(String path, ObjectNode body) throws IOException, InterruptedException {
        URI endpoint = endpoints.get(Math.floorMod(current.get(), endpoints.size()));
        return http.send(HttpRequest.newBuilder(endpoint.resolve("/v3/" + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build(), HttpResponse.BodyHandlers.ofLines());
    }

    /** Moves on to the next member (after a stream broke). */
    void failover() {
        current.incrementAndGet();
    }

    static ObjectNode object() {
        return JSON.createObjectNode();
    }
}
