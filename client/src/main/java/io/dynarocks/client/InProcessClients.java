package io.dynarocks.client;

import io.dynarocks.server.DynaRocks;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
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
 * <p>They do not sign requests and do not run the SDK's endpoint rules: the dispatcher never sees a
 * signature (there is no request to authenticate in process), and the endpoint is the server's. SigV4
 * signing alone was about a fifth of an in-process GetItem's CPU. With an SDK older than 2.21, which has
 * no auth schemes to choose from, they sign as before.
 */
public final class InProcessClients {

    /** Whether the application's SDK has auth schemes (2.21 on); only then is {@link NoSigning} loaded. */
    private static final boolean AUTH_SCHEMES = present("software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption");

    private InProcessClients() {}

    public static DynamoDbClient client(DynaRocks db) {
        return cheap(configure(DynamoDbClient.builder(), db), db)
                .httpClient(new InProcessHttpClient(db.dispatcher())).build();
    }

    public static DynamoDbAsyncClient asyncClient(DynaRocks db) {
        return cheap(configure(DynamoDbAsyncClient.builder(), db), db)
                .httpClient(new InProcessAsyncHttpClient(db.dispatcher())).build();
    }

    public static DynamoDbStreamsClient streamsClient(DynaRocks db) {
        return cheapStreams(configure(DynamoDbStreamsClient.builder(), db), db)
                .httpClient(new InProcessHttpClient(db.dispatcher())).build();
    }

    public static DynamoDbStreamsAsyncClient streamsAsyncClient(DynaRocks db) {
        return cheapStreams(configure(DynamoDbStreamsAsyncClient.builder(), db), db)
                .httpClient(new InProcessAsyncHttpClient(db.dispatcher())).build();
    }

    /** Region, dummy credentials and the server's endpoint, which the SDK needs to sign and name requests. */
    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, DynaRocks db) {
        return builder.endpointOverride(db.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")));
    }

    /** No signing and a fixed endpoint, for a DynamoDB client builder. */
    private static <B extends DynamoDbBaseClientBuilder<B, ?>> B cheap(B builder, DynaRocks db) {
        CompletableFuture<Endpoint> endpoint = endpoint(db);
        builder.endpointProvider(params -> endpoint);
        return AUTH_SCHEMES ? NoSigning.dynamoDb(builder) : builder;
    }

    /** No signing and a fixed endpoint, for a DynamoDB Streams client builder. */
    private static <B extends DynamoDbStreamsBaseClientBuilder<B, ?>> B cheapStreams(B builder, DynaRocks db) {
        CompletableFuture<Endpoint> endpoint = endpoint(db);
        builder.endpointProvider(params -> endpoint);
        return AUTH_SCHEMES ? NoSigning.streams(builder) : builder;
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
