package io.dynarocks.replication;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;

/**
 * Calls a peer region's internal replication actions over its public HTTP endpoint (same port,
 * their own {@code X-Amz-Target} service name, so no DynamoDB client ever reaches them by accident).
 * With a key configured for the peer, each call is signed with SigV4 (service {@code dynamodb}, the
 * peer's region), as a peer started with {@code --auth} requires.
 */
final class PeerLink {

    /** The {@code X-Amz-Target} service of the internal replication actions. */
    static final String SERVICE = "DynaRocksReplication_20191121";

    private static final AwsV4HttpSigner SIGNER = AwsV4HttpSigner.create();

    private final HttpClient client;
    private final Supplier<URI> endpoint;
    private final String region;
    private final PeerCredentials credentials;

    /**
     * {@code endpoint} is looked up on every call: a peer may move (an embedded test server restarted).
     * {@code credentials} (null: unsigned) sign the calls for the peer's {@code region}.
     */
    PeerLink(HttpClient client, Supplier<URI> endpoint, String region, PeerCredentials credentials) {
        this.client = client;
        this.endpoint = endpoint;
        this.region = region;
        this.credentials = credentials;
    }

    /** POSTs {@code body} to the peer's {@code action}; returns the response body, or throws on any failure. */
    byte[] call(String action, byte[] body) throws IOException {
        URI uri = endpoint.get();
        if (uri == null) {
            throw new IOException("no endpoint known for the peer region");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers(uri, SERVICE + "." + action, body).forEach((name, values) -> {
            // The HTTP client sets Host and Content-Length itself, to the values signed.
            if (!name.equalsIgnoreCase("Host") && !name.equalsIgnoreCase("Content-Length")) {
                values.forEach(v -> request.header(name, v));
            }
        });
        HttpResponse<byte[]> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted calling " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new PeerException(response.statusCode(), new String(response.body(), StandardCharsets.UTF_8));
        }
        return response.body();
    }

    /** The request's headers, with SigV4's when the peer has a key. */
    private java.util.Map<String, java.util.List<String>> headers(URI uri, String target, byte[] body) {
        SdkHttpRequest request = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", target)
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        if (credentials == null) {
            return request.headers();
        }
        return SIGNER.sign(r -> r.identity(AwsCredentialsIdentity.create(credentials.accessKeyId(),
                        credentials.secretAccessKey()))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, region))
                .request().headers();
    }

    /** The peer answered with an error. */
    static final class PeerException extends IOException {
        private static final java.util.Set<String> AUTHENTICATION_ERRORS = java.util.Set.of(
                "MissingAuthenticationTokenException", "UnrecognizedClientException", "InvalidSignatureException",
                "IncompleteSignatureException", "AccessDeniedException");

        final int status;
        final String body;

        PeerException(int status, String body) {
            super("peer answered " + status + ": " + body);
            this.status = status;
            this.body = body;
        }

        /** Whether the peer refused this server's signature or key (not the request itself). */
        boolean unauthorized() {
            return AUTHENTICATION_ERRORS.contains(asDynamoException().type());
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
