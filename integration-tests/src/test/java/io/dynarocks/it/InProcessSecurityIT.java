package io.dynarocks.it;

import static io.dynarocks.it.AuthorizationIT.s;
import static io.dynarocks.it.AuthorizationIT.score;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dynarocks.client.InProcessClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * With authentication on, in-process clients are authenticated and authorized exactly as HTTP clients are:
 * they sign with the credentials the application gives, and a wrong key or a policy refuses them with the
 * same error as over HTTP.
 */
class InProcessSecurityIT {

    private static final String TABLE = "GameScores";

    @TempDir
    static Path dir;

    private static AuthFixture fixture;

    @BeforeAll
    static void start() throws IOException {
        fixture = AuthFixture.gameScores(dir, AuthorizationIT.PLAYER_POLICY,
                b -> b.auditLog(dir.resolve("audit.jsonl")));
        fixture.admin().putItem(b -> b.tableName(TABLE).item(score("bob", "Chess", "300")));
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void inProcessClientSigningWithAKnownKeyIsServedAsThatUser() {
        AwsCredentialsProvider aliceKey = credentials("AKIDALICE", "alice-secret");
        try (DynamoDbClient alice = InProcessClients.client(fixture.server(), aliceKey)) {
            alice.putItem(b -> b.tableName(TABLE).item(score("alice", "Go", "7")));

            assertThat(fixture.admin().getItem(b -> b.tableName(TABLE).key(gameKey("alice", "Go"))).item())
                    .containsEntry("TopScore", AttributeValue.fromN("7"));
            assertThat(alice.getItem(b -> b.tableName(TABLE).key(gameKey("alice", "Go"))
                    .projectionExpression("TopScore")).item()).containsEntry("TopScore", AttributeValue.fromN("7"));
        }
        assertThat(auditLines()).anyMatch(line -> line.contains("\"accessKeyId\":\"AKIDALICE\"")
                && line.contains("dynamodb:PutItem") && line.contains("Allowed"));
    }

    @Test
    void wrongSecretIsInvalidSignatureExceptionAsOverHttp() {
        AwsCredentialsProvider wrong = credentials("AKIDALICE", "not-the-secret");
        try (DynamoDbClient inProcess = InProcessClients.client(fixture.server(), wrong)) {
            InProcessClientIT.Failure overHttp = failure(fixture.client("AKIDALICE", "not-the-secret"),
                    DynamoDbClient::listTables);
            InProcessClientIT.Failure failure = failure(inProcess, DynamoDbClient::listTables);

            assertThat(failure.code()).isEqualTo("InvalidSignatureException").isEqualTo(overHttp.code());
            assertThat(failure.status()).isEqualTo(400).isEqualTo(overHttp.status());
            assertThat(failure.type()).isEqualTo(overHttp.type());
            // The message goes on with the canonical request, whose X-Amz-Date differs between the two calls.
            assertThat(firstLine(failure.message())).isEqualTo(firstLine(overHttp.message()))
                    .isEqualTo("The request signature we calculated does not match the signature you provided. "
                            + "Check your AWS Secret Access Key and signing method. Consult the service "
                            + "documentation for details.");
        }
    }

    @Test
    void clientWithoutCredentialsIsRefusedAsAnUnknownKey() {
        try (DynamoDbClient inProcess = InProcessClients.client(fixture.server())) {
            InProcessClientIT.Failure failure = failure(inProcess, DynamoDbClient::listTables);

            assertThat(failure).isEqualTo(failure(fixture.client("key", "secret"), DynamoDbClient::listTables));
            assertThat(failure.code()).isEqualTo("UnrecognizedClientException");
            assertThat(failure.message()).isEqualTo("The security token included in the request is invalid.");
        }
    }

    @Test
    void policyDeniesAnotherUsersPartitionAsOverHttp() {
        Consumer<DynamoDbClient> queryBob = c -> c.query(b -> b.tableName(TABLE)
                .keyConditionExpression("UserId = :u").expressionAttributeValues(Map.of(":u", s("bob")))
                .projectionExpression("TopScore"));
        AwsCredentialsProvider aliceKey = credentials("AKIDALICE", "alice-secret");
        try (DynamoDbClient alice = InProcessClients.client(fixture.server(), aliceKey)) {
            InProcessClientIT.Failure failure = failure(alice, queryBob);

            assertThat(failure).isEqualTo(failure(fixture.alice(), queryBob));
            assertThat(failure.code()).isEqualTo("AccessDeniedException");
            assertThat(failure.message()).isEqualTo("User: arn:aws:iam::000000000000:user/alice is not authorized to "
                    + "perform: dynamodb:Query on resource: arn:aws:dynamodb:us-east-1:000000000000:table/GameScores "
                    + "because no identity-based policy allows the dynamodb:Query action");
        }
    }

    @Test
    void asyncClientIsAuthenticatedAndAuthorizedToo() {
        try (DynamoDbAsyncClient alice = InProcessClients.asyncClient(fixture.server(),
                credentials("AKIDALICE", "alice-secret"));
                DynamoDbAsyncClient wrong = InProcessClients.asyncClient(fixture.server(),
                        credentials("AKIDALICE", "not-the-secret"))) {
            alice.putItem(b -> b.tableName(TABLE).item(score("alice", "Draughts", "3"))).join();

            assertThat(InProcessClientIT.Failure.of(catchThrowable(() -> alice.putItem(b -> b.tableName(TABLE)
                    .item(score("bob", "Draughts", "3"))).join())).code()).isEqualTo("AccessDeniedException");
            assertThat(InProcessClientIT.Failure.of(catchThrowable(() -> wrong.listTables().join())).code())
                    .isEqualTo("InvalidSignatureException");
        }
    }

    @Test
    void streamsClientSignsWithItsCredentials() {
        try (DynamoDbStreamsClient admin = InProcessClients.streamsClient(fixture.server(),
                credentials("AKIDADMIN", "admin-secret"));
                DynamoDbStreamsClient nobody = InProcessClients.streamsClient(fixture.server())) {
            assertThat(admin.listStreams().streams()).isEmpty();
            assertThat(InProcessClientIT.Failure.of(catchThrowable(nobody::listStreams)).code())
                    .isEqualTo("UnrecognizedClientException");
        }
    }

    private static InProcessClientIT.Failure failure(DynamoDbClient client, Consumer<DynamoDbClient> call) {
        return InProcessClientIT.Failure.of(catchThrowable(() -> call.accept(client)));
    }

    private static java.util.List<String> auditLines() {
        try {
            return Files.readAllLines(dir.resolve("audit.jsonl"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Map<String, AttributeValue> gameKey(String user, String game) {
        return AuthorizationIT.key(user, game);
    }

    private static String firstLine(String message) {
        return message.lines().findFirst().orElse("");
    }

    private static AwsCredentialsProvider credentials(String accessKeyId, String secret) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, secret));
    }
}
