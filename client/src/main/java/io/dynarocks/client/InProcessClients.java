package io.dynarocks.client;

import io.dynarocks.server.DynaRocks;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsAsyncClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * AWS SDK v2 clients that talk to an embedded server without a socket. They go through the same
 * dispatcher, codec and error mapping as HTTP clients, so they see the same responses and exceptions.
 */
public final class InProcessClients {

    private InProcessClients() {}

    public static DynamoDbClient client(DynaRocks db) {
        return configure(DynamoDbClient.builder(), db).httpClient(new InProcessHttpClient(db.dispatcher())).build();
    }

    public static DynamoDbAsyncClient asyncClient(DynaRocks db) {
        return configure(DynamoDbAsyncClient.builder(), db)
                .httpClient(new InProcessAsyncHttpClient(db.dispatcher())).build();
    }

    public static DynamoDbStreamsClient streamsClient(DynaRocks db) {
        return configure(DynamoDbStreamsClient.builder(), db)
                .httpClient(new InProcessHttpClient(db.dispatcher())).build();
    }

    public static DynamoDbStreamsAsyncClient streamsAsyncClient(DynaRocks db) {
        return configure(DynamoDbStreamsAsyncClient.builder(), db)
                .httpClient(new InProcessAsyncHttpClient(db.dispatcher())).build();
    }

    /** Region, dummy credentials and the server's endpoint, which the SDK needs to sign and name requests. */
    public static <B extends AwsClientBuilder<B, ?>> B configure(B builder, DynaRocks db) {
        return builder.endpointOverride(db.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")));
    }
}
