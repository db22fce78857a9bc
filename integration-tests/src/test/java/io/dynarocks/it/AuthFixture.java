package io.dynarocks.it;

import io.dynarocks.server.DynaRocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * An in-memory server that authenticates the users of an {@code auth.json} written to a test's directory, and
 * SDK clients signing as those users. Closing it closes the clients it made, then the server.
 */
final class AuthFixture implements AutoCloseable {

    /**
     * The accounts of the fine-grained access control tests: {@code admin} (key AKIDADMIN, secret admin-secret),
     * and {@code alice} (AKIDALICE, alice-secret) with the identity policy of {@code player.json}.
     */
    private static final String ADMIN_AND_PLAYER = """
            {"accounts": [{"id": "000000000000", "users": [
              {"name": "admin", "keys": [{"accessKeyId": "AKIDADMIN", "secretAccessKey": "admin-secret"}]},
              {"name": "alice", "policies": ["player.json"],
               "keys": [{"accessKeyId": "AKIDALICE", "secretAccessKey": "alice-secret"}]}]}]}
            """;

    private final DynaRocks server;
    private final Map<String, DynamoDbClient> clients = new LinkedHashMap<>();

    private AuthFixture(DynaRocks server) {
        this.server = server;
    }

    /** A server of the accounts of {@code authJson}; {@code options} adds to its builder. */
    static AuthFixture start(Path dir, String authJson, UnaryOperator<DynaRocks.Builder> options) throws IOException {
        Path auth = dir.resolve("auth.json");
        Files.writeString(auth, authJson);
        return new AuthFixture(options.apply(DynaRocks.builder().inMemory().port(0).auth(auth)).start());
    }

    static AuthFixture start(Path dir, String authJson) throws IOException {
        return start(dir, authJson, b -> b);
    }

    /**
     * A server where admin has created DynamoDB's documentation example table {@code GameScores} (UserId,
     * GameTitle) and alice's identity policy is {@code playerPolicy}.
     */
    static AuthFixture gameScores(Path dir, String playerPolicy, UnaryOperator<DynaRocks.Builder> options)
            throws IOException {
        Files.writeString(dir.resolve("player.json"), playerPolicy);
        AuthFixture fixture = start(dir, ADMIN_AND_PLAYER, options);
        fixture.admin().createTable(b -> b.tableName("GameScores").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                        AttributeDefinition.builder().attributeName("UserId").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("GameTitle").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("UserId").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("GameTitle").keyType(KeyType.RANGE).build()));
        return fixture;
    }

    /** In {@link #gameScores}: the administrator's client. */
    DynamoDbClient admin() {
        return client("AKIDADMIN", "admin-secret");
    }

    /** In {@link #gameScores}: the player's client. */
    DynamoDbClient alice() {
        return client("AKIDALICE", "alice-secret");
    }

    DynaRocks server() {
        return server;
    }

    /**
     * The client signing with this key and secret (one per pair: a test may sign with a wrong secret), without
     * retries (a refusal is what the tests look at).
     */
    DynamoDbClient client(String accessKeyId, String secretAccessKey) {
        return clients.computeIfAbsent(accessKeyId + ":" + secretAccessKey, k -> DynamoDbClient.builder()
                .endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(accessKeyId, secretAccessKey)))
                .overrideConfiguration(o -> o.retryPolicy(RetryPolicy.none()))
                .httpClient(UrlConnectionHttpClient.create()).build());
    }

    @Override
    public void close() {
        clients.values().forEach(DynamoDbClient::close);
        server.close();
    }
}
