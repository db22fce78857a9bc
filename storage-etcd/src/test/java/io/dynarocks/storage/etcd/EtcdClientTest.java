package io.dynarocks.storage.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dynarocks.storage.StorageException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which failures of etcd's gateway {@link EtcdClient} retries, for reads and for writes. */
class EtcdClientTest {

    private static final String OK = "{\"header\":{\"revision\":\"7\"},\"kvs\":[]}";
    private static final String LEADER_CHANGED = error(14, "etcdserver: leader changed");
    private static final String TIMED_OUT = error(14, "etcdserver: request timed out");
    private static final String NO_LEADER = error(14, "etcdserver: no leader");
    /** What a lease grant gets while the cluster has no quorum: an unknown error (2) naming the expired deadline. */
    private static final String DEADLINE_EXCEEDED = error(2, "context deadline exceeded");
    private static final String COMPACTED = error(11, "etcdserver: mvcc: required revision has been compacted");

    private HttpServer member;
    /** The answers still to give, in order; once empty, every request is answered with {@link #OK}. */
    private final ConcurrentLinkedQueue<String> script = new ConcurrentLinkedQueue<>();
    private final AtomicInteger requests = new AtomicInteger();

    private static String error(int code, String message) {
        return "{\"error\":\"" + message + "\",\"code\":" + code + ",\"message\":\"" + message + "\"}";
    }

    @BeforeEach
    void start() throws IOException {
        member = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        member.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            String answer = script.poll();
            byte[] body = (answer == null ? OK : answer).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer == null || answer.equals(OK) ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        member.start();
    }

    @AfterEach
    void stop() {
        member.stop(0);
    }

    private URI endpoint() {
        return URI.create("http://127.0.0.1:" + member.getAddress().getPort());
    }

    private EtcdClient client(Duration retryFor) {
        return new EtcdClient(List.of(endpoint()), retryFor);
    }

    @Test
    void aReadIsAskedAgainUntilTheClusterHasElectedItsLeader() {
        script.addAll(List.of(LEADER_CHANGED, TIMED_OUT, NO_LEADER));

        assertThat(client(Duration.ofMinutes(1)).callIdempotent("kv/range", EtcdClient.object())
                .path("header").path("revision").asLong()).isEqualTo(7);
        assertThat(requests).hasValue(4);
    }

    @Test
    void aCallThatRanOutOfTimeWaitingForAQuorumIsAskedAgainAndEndsAsUnavailable() {
        script.add(DEADLINE_EXCEEDED);
        assertThat(client(Duration.ofMinutes(1)).callIdempotent("lease/grant", EtcdClient.object())
                .path("header").path("revision").asLong()).isEqualTo(7);
        assertThat(requests).hasValue(2);

        for (int i = 0; i < 10_000; i++) {
            script.add(DEADLINE_EXCEEDED);
        }
        assertThatThrownBy(() -> client(Duration.ofMillis(300)).callIdempotent("lease/grant", EtcdClient.object()))
                .isInstanceOf(StorageException.Unavailable.class)
                .hasMessageContaining("context deadline exceeded");
    }

    @Test
    void aReadThatKeepsFailingEndsAsUnavailableOnceItsRetryTimeIsUp() {
        for (int i = 0; i < 10_000; i++) {
            script.add(LEADER_CHANGED);
        }

        assertThatThrownBy(() -> client(Duration.ofMillis(300)).callIdempotent("kv/range", EtcdClient.object()))
                .isInstanceOf(StorageException.Unavailable.class)
                .hasMessageContaining("leader changed");
        assertThat(requests.get()).isGreaterThan(1);
    }

    @Test
    void aReadOfACompactedRevisionFailsAtOnce() {
        script.add(COMPACTED);

        assertThatThrownBy(() -> client(Duration.ofMinutes(1)).callIdempotent("kv/range", EtcdClient.object()))
                .isInstanceOf(StorageException.class)
                .isNotInstanceOf(StorageException.Unavailable.class)
                .hasMessageContaining("compacted");
        assertThat(requests).hasValue(1);
    }

    @Test
    void aWriteWhoseOutcomeIsUnknownIsNotSentAgain() {
        script.add(TIMED_OUT);

        assertThatThrownBy(() -> client(Duration.ofMinutes(1)).call("kv/txn", EtcdClient.object()))
                .isInstanceOf(StorageException.Unavailable.class)
                .hasMessageContaining("outcome is unknown");
        assertThat(requests).hasValue(1);
    }

    @Test
    void aWriteRefusedBeforeItWasProposedIsSentAgain() {
        script.addAll(List.of(NO_LEADER, error(2, "raft proposal dropped")));

        assertThat(client(Duration.ofMinutes(1)).call("kv/txn", EtcdClient.object()).has("header")).isTrue();
        assertThat(requests).hasValue(3);
    }

    @Test
    void aWriteMovesOnToAnotherMemberWhenOneRefusesConnections() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        EtcdClient client = new EtcdClient(List.of(URI.create("http://127.0.0.1:" + closed), endpoint()),
                Duration.ofMinutes(1));

        assertThat(client.call("kv/txn", EtcdClient.object()).has("header")).isTrue();
        assertThat(requests).hasValue(1);
    }
}
