package io.dynarocks.it;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClientBuilder;

/**
 * The SDK v2 clients the tests point at a server: its endpoint, a region, static credentials and the URL-connection
 * HTTP client (a test needing another HTTP client or retry setting sets it on the builder).
 */
final class SdkClients {

    private SdkClients() {}

    /** A client builder for {@code endpoint} in {@code region}, signing with {@code credentials}. */
    static DynamoDbClientBuilder builder(URI endpoint, Region region, AwsCredentials credentials) {
        return DynamoDbClient.builder().endpointOverride(endpoint).region(region)
                .credentialsProvider(StaticCredentialsProvider.create(credentials))
                .httpClient(UrlConnectionHttpClient.create());
    }

    /** A client builder for {@code endpoint} in us-east-1, signing as {@code accessKeyId} with {@code secret}. */
    static DynamoDbClientBuilder builder(URI endpoint, String accessKeyId, String secret) {
        return builder(endpoint, Region.US_EAST_1, AwsBasicCredentials.create(accessKeyId, secret));
    }

    /** A client builder for {@code endpoint} in us-east-1 with placeholder credentials, for a server checking none. */
    static DynamoDbClientBuilder builder(URI endpoint) {
        return builder(endpoint, "key", "secret");
    }

    /** {@code builder} making one attempt per call: the server's answer is what the test looks at, not a retry's. */
    static DynamoDbClientBuilder withoutRetries(DynamoDbClientBuilder builder) {
        return builder.overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()));
    }
}
