package io.dynarocks.replication;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Calls a peer region's internal replication actions over its public HTTP endpoint (same port,
 * their own {@code X-Amz-Target} service name, so no DynamoDB client ever reaches them by accident).
 */
final class PeerLink {

    /** The {@code X-Amz-Target} service of the internal replication actions. */
    static final String SERVICE = "DynaRocksReplication_20191121";

    private final HttpClient client;
    private final Supplier<URI> endpoint;

    /** {@code endpoint} is looked up on every call: a peer may move (an embedded test server restarted). */
    PeerLink(HttpClient client, Supplier<URI> endpoint) {
        this.client = client;
        this.endpoint = endpoint;
    }

    /** POSTs {@code body} to the peer's {@code action}; returns the response body, or throws on any failure. */
    byte[] call(String action, byte[] body) throws IOException {
        URI uri = endpoint.get();
        if (uri == null) {
            throw new IOException("no endpoint known for the peer region");
        }
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-amz-json-1.0")
                .header("X-Amz-Target", SERVICE + "." + action)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new PeerException(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /** The peer answered with an error. */
    static final class PeerException extends IOException {
        final int status;
        final String body;

        PeerException(int status, String body) {
            super("peer answered " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        /** The peer's DynamoDB error ({@code __type} and message) as it raised it. */
        io.dynarocks.protocol.DynamoException asDynamoException() {
            var f = new Object() {
                String type = "InternalServerError";
                String message;
            };
            try {
                io.dynarocks.protocol.json.JsonReader.readBody(body.getBytes(StandardCharsets.UTF_8), (name, r) -> {
                    switch (name) {
                        case "__type" -> {
                            String t = r.readString();
                            f.type = t == null ? f.type : t.substring(t.indexOf('#') + 1);
                        }
                        case "message", "Message" -> f.message = r.readString();
                        default -> r.skip();
                    }
                });
            } catch (RuntimeException e) {
                f.message = body;
            }
            return new io.dynarocks.protocol.DynamoException(f.type, f.message, status);
        }
    }
}
