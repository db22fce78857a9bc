package io.dynarocks.it;

import io.dynarocks.server.DynaRocks;
import java.net.URI;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Starts one embedded server per test class (in memory, or on etcd for a class annotated {@link OnEtcd}) and
 * gives tests an SDK client for it.
 */
public final class ServerExtension implements BeforeAllCallback, AfterAllCallback {

    private TestStorage storage;
    private DynaRocks server;
    private DynamoDbClient client;
    private java.nio.file.Path exports;

    @Override
    public void beforeAll(ExtensionContext context) throws java.io.IOException {
        exports = java.nio.file.Files.createTempDirectory("dynarocks-exports");
        storage = TestStorage.of(context);
        server = storage.builder().port(0).exportDir(exports).start();
        client = client(server.endpoint());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        server.close();
        storage.close();
        try (var paths = java.nio.file.Files.walk(exports)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public DynamoDbClient client() {
        return client;
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** Every action the server serves ({@code service.Action}). */
    public java.util.Set<String> targets() {
        return server.dispatcher().targets();
    }

    /** A sync SDK client pointed at {@code endpoint} with dummy credentials. */
    public static DynamoDbClient client(URI endpoint) {
        return SdkClients.builder(endpoint).build();
    }
}
