package io.dynarocks.it;

import io.dynarocks.server.DynaRocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
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
    private static final String ADMIN_AND_PLAYER = accounts(account("000000000000",
            user("admin", "AKIDADMIN", "admin-secret", null),
            user("alice", "AKIDALICE", "alice-secret", "[\"player.json\"]")));

    /** Identity policies allowing every DynamoDB action on every resource, for {@link #user}. */
    static final String ALLOW_ALL = """
            [{"Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}]}]""";

    private final DynaRocks server;
    private final Map<String, DynamoDbClient> clients = new LinkedHashMap<>();

    private AuthFixture(DynaRocks server) {
        this.server = server;
    }

    /** A credentials file of these {@link #account accounts}. */
    static String accounts(String... accounts) {
        return "{\"accounts\": [" + String.join(", ", accounts) + "]}";
    }

    /** An account of a credentials file, with these {@link #user users}. */
    static String account(String id, String... users) {
        return "{\"id\": \"" + id + "\", \"users\": [" + String.join(", ", users) + "]}";
    }

    /** A user with one key and its identity policies ({@code policies}: a JSON array; null for full access). */
    static String user(String name, String accessKeyId, String secret, String policies) {
        return "{\"name\": \"" + name + "\"" + (policies == null ? "" : ", \"policies\": " + policies)
                + ", \"keys\": [{\"accessKeyId\": \"" + accessKeyId + "\", \"secretAccessKey\": \"" + secret
                + "\"}]}";
    }

    /** A table's resource policy allowing account {@code accountId} (any user of it) {@code actions} on {@code arn}. */
    static String allowAccount(String accountId, String arn, String... actions) {
        return """
                {"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                  "Principal": {"AWS": "arn:aws:iam::%s:root"},
                  "Action": [%s], "Resource": "%s"}]}""".formatted(accountId,
                String.join(", ", java.util.Arrays.stream(actions).map(a -> "\"" + a + "\"").toList()), arn);
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
        return clients.computeIfAbsent(accessKeyId + ":" + secretAccessKey, k -> SdkClients.withoutRetries(
                SdkClients.builder(server.endpoint(), accessKeyId, secretAccessKey)).build());
    }

    @Override
    public void close() {
        clients.values().forEach(DynamoDbClient::close);
        server.close();
    }
}
