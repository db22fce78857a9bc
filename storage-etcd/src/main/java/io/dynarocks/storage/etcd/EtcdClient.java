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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * etcd's v3 API through its JSON gateway ({@code POST /v3/kv/range}, {@code /v3/kv/txn}, ...) over the
 * JDK's HTTP client, failing over between the cluster's members: any member serves any request (a
 * follower forwards writes to the leader, reads are linearizable).
 *
 * <p>While a member is down or the cluster elects a leader, requests fail for a moment ("etcdserver:
 * leader changed", "request timed out", "no leader", a refused or reset connection). Two kinds of call
 * treat that differently:
 * <ul>
 * <li>{@link #callIdempotent}: a read, or a write whose second application leaves the store as the first
 *     did. Retried on any transient failure, on the next member, with jittered exponential backoff, for up
 *     to {@link #RETRY_FOR}; a member kill or an election with a quorum left is then invisible to readers.
 * <li>{@link #call}: a write that must apply at most once. Retried only when it certainly was not applied:
 *     the connection was refused (the request never reached the member), or etcd refused it before
 *     proposing it to Raft. Any other failure leaves its outcome unknown: the request may sit in the Raft log
 *     and commit later, so sending it again could apply it twice (see {@link #notProposed}).
 * </ul>
 * A transient failure that outlasts the retries is a {@link StorageException.Unavailable}; any other error
 * (e.g. a compacted revision, a request too large) a plain {@link StorageException}.
 */
final class EtcdClient {

    static final ObjectMapper JSON = new ObjectMapper();
    /**
     * How long a call keeps retrying while members are down or the cluster has no leader: long enough for an
     * election (etcd's default election timeout is 1 s; the tests' clusters use 2.5 s on a busy machine), short
     * enough that a client sees an answer before its own socket timeout (30 s in the AWS SDKs).
     */
    private static final Duration RETRY_FOR = Duration.ofSeconds(15);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long FIRST_PAUSE_MILLIS = 20;
    private static final long MAX_PAUSE_MILLIS = 500;
    /** gRPC status codes (as the gateway reports them) of failures that go away by themselves. */
    private static final int DEADLINE_EXCEEDED = 4;
    private static final int RESOURCE_EXHAUSTED = 8;
    private static final int UNAVAILABLE = 14;

    private final List<URI> endpoints;
    private final AtomicInteger current = new AtomicInteger();
    private final Duration retryFor;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    EtcdClient(List<URI> endpoints) {
        this(endpoints, RETRY_FOR);
    }

    /** A client that retries a failing call for up to {@code retryFor}. */
    EtcdClient(List<URI> endpoints, Duration retryFor) {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("no etcd endpoint given");
        }
        this.endpoints = List.copyOf(endpoints);
        this.retryFor = retryFor;
    }

    /** Sends a write that must apply at most once to {@code path} (e.g. {@code kv/txn}) and returns the response. */
    JsonNode call(String path, ObjectNode body) {
        return send(path, body, false);
    }

    /**
     * Sends a call that may be applied any number of times (a read, or a write whose repetition changes
     * nothing more) to {@code path} (e.g. {@code kv/range}), retrying it through transient failures.
     */
    JsonNode callIdempotent(String path, ObjectNode body) {
        return send(path, body, true);
    }

    private JsonNode send(String path, ObjectNode body, boolean idempotent) {
        byte[] request;
        try {
            request = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new StorageException("cannot encode an etcd request", e);
        }
        long deadline = System.nanoTime() + retryFor.toNanos();
        for (int attempt = 1; ; attempt++) {
            int at = current.get();
            URI endpoint = endpoints.get(Math.floorMod(at, endpoints.size()));
            String failure;
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
                failure = answer.path("message").asText(answer.path("error").asText("HTTP " + response.statusCode()));
                boolean passing = transientError(answer.path("code").asInt(-1), failure);
                if (idempotent ? !passing : !notProposed(failure)) {
                    if (passing) {
                        current.compareAndSet(at, at + 1); // the member may be cut off from the others
                        throw new StorageException.Unavailable("etcd " + path + " failed (" + failure
                                + " from " + endpoint + "); its outcome is unknown");
                    }
                    throw new StorageException("etcd " + path + " failed: " + failure);
                }
            } catch (ConnectException e) {
                // Refused or unreachable: the request never reached that member, so another may serve it.
                failure = "no connection to " + endpoint;
            } catch (IOException e) {
                // A timeout, or the member died (or its gateway failed) after taking the request.
                failure = e.getClass().getSimpleName() + " from " + endpoint
                        + (e.getMessage() == null ? "" : ": " + e.getMessage());
                if (!idempotent) {
                    current.compareAndSet(at, at + 1);
                    throw new StorageException.Unavailable("etcd " + path + " failed (" + failure
                            + "); its outcome is unknown", e);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StorageException("interrupted during etcd " + path, e);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new StorageException.Unavailable("etcd " + path + " failed " + attempt + " times in "
                        + retryFor.toMillis() + " ms, last: " + failure);
            }
            current.compareAndSet(at, at + 1);
            pause(attempt, left);
        }
    }

    /**
     * Failures that go away by themselves: an election in progress or just done, a member too busy or
     * stopping, a request that ran out of time waiting for a quorum (etcd answers a lease grant without one with
     * "context deadline exceeded" as an unknown error, code 2). For a read, all mean "ask again"; for a write,
     * only {@link #notProposed} ones say it was not applied.
     */
    private static boolean transientError(int code, String message) {
        return code == UNAVAILABLE || code == DEADLINE_EXCEEDED || code == RESOURCE_EXHAUSTED
                || message.contains("leader changed") || message.contains("no leader")
                || message.contains("timed out") || message.contains("deadline exceeded")
                || message.contains("server stopped")
                || message.contains("too many requests") || message.contains("not capable")
                || message.contains("proposal dropped");
    }

    /**
     * Errors etcd (3.4) returns before proposing a write to Raft, so retrying cannot apply it twice:
     * "no leader" (the member refuses requests while it has none), "not capable" (cluster version check),
     * "too many requests" (the apply backlog is too long) and "raft proposal dropped" (a follower without a
     * leader, or a leader handing over, drops it instead of logging it).
     *
     * <p>Not in this list, because the write may already be in the Raft log and commit later: "request
     * timed out" (any variant), "leader changed", "server stopped" (answered while waiting for a proposed
     * entry), a timeout or a broken connection. A retry could then apply the batch twice. Making a retry
     * harmless is not enough either: a batch's comparisons (an expected item value, a counter's
     * mod_revision) would fail on a second apply, but the caller could not tell "the first attempt
     * applied" from "another writer changed the key", so it would re-run the operation on top of its own
     * write (a conditional write would fail its condition against itself, an unconditional one would log a
     * second stream record). Such a write is reported as unknown (500, which DynamoDB also answers when a
     * write's outcome is unknown; SDKs retry it as the application would).
     */
    static boolean notProposed(String message) {
        return message.contains("no leader") || message.contains("not capable")
                || message.contains("too many requests") || message.contains("proposal dropped");
    }

    /** Waits before attempt {@code attempt + 1}: exponential from 20 ms to 0.5 s, jittered, never past the deadline. */
    private static void pause(int attempt, long leftNanos) {
        long ceiling = Math.min(MAX_PAUSE_MILLIS, FIRST_PAUSE_MILLIS << Math.min(attempt - 1, 10));
        long millis = Math.min(ThreadLocalRandom.current().nextLong(ceiling / 2, ceiling + 1),
                Math.max(1, leftNanos / 1_000_000));
        try {
            Thread.sleep(millis);
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
