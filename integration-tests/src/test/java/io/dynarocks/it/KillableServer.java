package io.dynarocks.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The command-line server on one data directory, started again and again and killed with SIGKILL,
 * with clients that never retry: a request either has an answer or its outcome is unknown.
 */
final class KillableServer implements AutoCloseable {

    private final Path dataDir;
    private final List<String> extraArgs;
    private Process process;
    private URI endpoint;
    private DynamoDbClient client;
    private DynamoDbStreamsClient streams;
    private int starts;

    KillableServer(Path dataDir, String... extraArgs) {
        this.dataDir = dataDir;
        this.extraArgs = List.of(extraArgs);
    }

    /** Starts the server and waits until it listens. */
    KillableServer start() throws IOException {
        List<String> args = new ArrayList<>(List.of("--port", "0", "--data-dir", dataDir.toString()));
        args.addAll(extraArgs);
        process = ServerProcess.start(args.toArray(String[]::new));
        endpoint = ServerProcess.awaitEndpoint(process);
        client = noRetryClient(endpoint);
        streams = StreamClients.client(endpoint);
        starts++;
        return this;
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("server did not die");
        }
        closeClients();
    }

    DynamoDbClient client() {
        return client;
    }

    DynamoDbStreamsClient streams() {
        return streams;
    }

    URI endpoint() {
        return endpoint;
    }

    int starts() {
        return starts;
    }

    /** A client that makes exactly one attempt per call, so its outcome is the server's answer or unknown. */
    static DynamoDbClient noRetryClient(URI endpoint) {
        return SdkClients.withoutRetries(SdkClients.builder(endpoint))
                .httpClient(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)).build())
                .build();
    }

    private void closeClients() {
        if (client != null) {
            client.close();
            streams.close();
            client = null;
            streams = null;
        }
    }

    /** Stops the server gracefully (SIGTERM), as an operator would. */
    @Override
    public void close() throws InterruptedException {
        closeClients();
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }
}
