package io.dynarocks.client;

import io.dynarocks.server.DynaRocks;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.auth.scheme.NoAuthAuthScheme;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbBaseClientBuilder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsBaseClientBuilder;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * AWS SDK v2 clients that talk to an embedded server without a socket. They go through the same
 * dispatcher, codec and error mapping as HTTP clients, so they see the same responses and exceptions.
 *
 * <p>When the server authenticates requests ({@code auth(...)}/{@code authKey(...)} in its builder), they sign
 * each request with SigV4 as an HTTP client does, with the credentials given (placeholder ones without: refused
 * as an unknown key), and the server verifies the signature, routes to the signing account's tables and
 * authorizes the request by its policies exactly as on its main port. Otherwise they neither sign nor run the
 * SDK's endpoint rules: the dispatcher checks no signature, and the endpoint is the server's. SigV4 signing alone
 * was about a fifth of an in-process GetItem's CPU. With an SDK older than 2.21, which has no auth schemes to
 * choose from, they sign anyway.
 */
public final class InProcessClients {

    /** Whether the application's SDK has auth schemes (2.21 on); only then is {@link NoSigning} loaded. */
    private static final boolean AUTH_SCHEMES = present("software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption");
    /** What clients sign with when the application gives no credentials; no server with authentication knows them. */
    private static final AwsCredentialsProvider PLACEHOLDER =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret"));

    private InProcessClients() {}

    public static DynamoDbClient client(DynaRocks db) {
        return client(db, PLACEHOLDER);
    }

    /** A client signing with {@code credentials}, which a server with authentication verifies and authorizes. */
    public static DynamoDbClient client(DynaRocks db, AwsCredentialsProvider credentials) {
        return dynamoDb(configure(DynamoDbClient.builder(), db, credentials), db)
                .httpClient(new InProcessHttpClient(Delivery.to(db))).build();
    }

    public static DynamoDbAsyncClient asyncClient(DynaRocks db) {
        return asyncClient(db, PLACEHOLDER);
    }

    /** An asynchronous client signing with {@code credentials}, which a server with authentication checks. */
    public static DynamoDbAsyncClient asyncClient(DynaRocks db, AwsCredentialsProvider credentials) {
        return dynamoDb(configure(DynamoDbAsyncClient.builder(), db, credentials), db)
                .httpClient(new InProcessAsyncHttpClient(Delivery.to(db))).build();
    }

    public static DynamoDbStreamsClient streamsClient(DynaRocks db) {
        return streamsClient(db, PLACEHOLDER);
    }

    /** A DynamoDB Streams client signing with {@code credentials}, which a server with authentication checks. */
    public static DynamoDbStreamsClient streamsClient(DynaRocks db, AwsCredentialsProvider credentials) {
        return streams(configure(DynamoDbStreamsClient.builder(), db, credentials), db)
                .httpClient(new InProcessHttpClient(Delivery.to(db))).build();
    }

    public static DynamoDbStreamsAsyncClient streamsAsyncClient(DynaRocks db) {
        return streamsAsyncClient(db, PLACEHOLDER);
    }

    /** An asynchronous DynamoDB Streams client signing with {@code credentials}. */
    public static DynamoDbStreamsAsyncClient streamsAsyncClient(DynaRocks db, AwsCredentialsProvider credentials) {
        return streams(configure(DynamoDbStreamsAsyncClient.builder(), db, credentials), db)
                .httpClient(new InProcessAsyncHttpClient(Delivery.to(db))).build();
    }

    /** Region, placeholder credentials and the server's endpoint, which the SDK needs to sign and name requests. */
    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, DynaRocks db) {
        return configure(builder, db, PLACEHOLDER);
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, DynaRocks db,
            AwsCredentialsProvider credentials) {
        return builder.endpointOverride(db.endpoint()).region(Region.US_EAST_1).credentialsProvider(credentials);
    }

    /** A fixed endpoint, and no signing unless {@code db} checks signatures, for a DynamoDB client builder. */
    private static <B extends DynamoDbBaseClientBuilder<B, ?>> B dynamoDb(B builder, DynaRocks db) {
        CompletableFuture<Endpoint> endpoint = endpoint(db);
        builder.endpointProvider(params -> endpoint);
        return AUTH_SCHEMES && !db.authenticates() ? NoSigning.dynamoDb(builder) : builder;
    }

    /** A fixed endpoint, and no signing unless {@code db} checks signatures, for a DynamoDB Streams client builder. */
    private static <B extends DynamoDbStreamsBaseClientBuilder<B, ?>> B streams(B builder, DynaRocks db) {
        CompletableFuture<Endpoint> endpoint = endpoint(db);
        builder.endpointProvider(params -> endpoint);
        return AUTH_SCHEMES && !db.authenticates() ? NoSigning.streams(builder) : builder;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, InProcessClients.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private static CompletableFuture<Endpoint> endpoint(DynaRocks db) {
        URI uri = db.endpoint();
        return CompletableFuture.completedFuture(Endpoint.builder().url(uri).build());
    }

    /**
     * The SDK's "no authentication" scheme, which every client builder of SDK 2.21 on registers. A class of
     * its own so that an older SDK, without these types, never loads it.
     */
    private static final class NoSigning {

        private static final List<AuthSchemeOption> NO_AUTH =
                List.of(AuthSchemeOption.builder().schemeId(NoAuthAuthScheme.SCHEME_ID).build());

        static <B extends DynamoDbBaseClientBuilder<B, ?>> B dynamoDb(B builder) {
            return builder.authSchemeProvider(params -> NO_AUTH);
        }

        static <B extends DynamoDbStreamsBaseClientBuilder<B, ?>> B streams(B builder) {
            return builder.authSchemeProvider(params -> NO_AUTH);
        }
    }
}
