package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** With authentication on, requests must carry a valid SigV4 signature, as DynamoDB requires. */
class AuthenticationIT {

    @TempDir
    static Path dir;

    private static DynaRocks server;
    private static MutableClock clock;

    @BeforeAll
    static void start() throws IOException {
        Path auth = dir.resolve("auth.json");
        Files.writeString(auth, """
                {"accounts": [{"id": "111122223333", "users": [
                  {"name": "temp", "keys": [{"accessKeyId": "ASIATEMP", "secretAccessKey": "temp-secret",
                                             "sessionToken": "the-session-token"}]}]}]}
                """);
        clock = new MutableClock(Instant.now());
        server = DynaRocks.builder().inMemory().port(0).clock(clock)
                .authKey("AKIDALICE", "alice-secret").auth(auth).start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void requestsSignedWithAKnownKeyAreServed() {
        try (DynamoDbClient alice = client(AwsBasicCredentials.create("AKIDALICE", "alice-secret"))) {
            Tables.hashTable(alice, "signed");
            alice.putItem(b -> b.tableName("signed").item(java.util.Map.of("pk", s("a"), "v", s("1"))));
            assertThat(alice.getItem(b -> b.tableName("signed").key(java.util.Map.of("pk", s("a")))).item())
                    .containsEntry("v", s("1"));
        }
    }

    @Test
    void wrongSecretIsInvalidSignatureException() {
        try (DynamoDbClient wrong = client(AwsBasicCredentials.create("AKIDALICE", "not-the-secret"))) {
            assertThatThrownBy(wrong::listTables).isInstanceOfSatisfying(DynamoDbException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.statusCode()).isEqualTo(400);
                assertThat(e.awsErrorDetails().errorMessage()).startsWith("The request signature we calculated "
                        + "does not match the signature you provided. Check your AWS Secret Access Key and signing "
                        + "method. Consult the service documentation for details.");
            });
        }
    }

    @Test
    void unknownAccessKeyIsUnrecognizedClientException() {
        try (DynamoDbClient unknown = client(AwsBasicCredentials.create("AKIDNOBODY", "secret"))) {
            assertThatThrownBy(unknown::listTables).isInstanceOfSatisfying(DynamoDbException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException");
                assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("The security token included in the request is invalid.");
                assertThat(e.statusCode()).isEqualTo(400);
            });
        }
    }

    @Test
    void unsignedRequestIsMissingAuthenticationTokenException() {
        try (DynamoDbClient anonymous = DynamoDbClient.builder().endpointOverride(server.endpoint())
                .region(Region.US_EAST_1).credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(UrlConnectionHttpClient.create()).build()) {
            assertThatThrownBy(anonymous::listTables).isInstanceOfSatisfying(DynamoDbException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("MissingAuthenticationTokenException");
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Request is missing Authentication Token");
                assertThat(e.statusCode()).isEqualTo(400);
            });
        }
    }

    @Test
    void signatureOlderThanFifteenMinutesIsRefusedAsExpired() {
        clock.advance(Duration.ofMinutes(20));
        try (DynamoDbClient alice = client(AwsBasicCredentials.create("AKIDALICE", "alice-secret"))) {
            assertThatThrownBy(alice::listTables).isInstanceOfSatisfying(DynamoDbException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage()).startsWith("Signature expired: ")
                        .endsWith(" - 15 min.)");
            });
        } finally {
            clock.advance(Duration.ofMinutes(-20));
        }
    }

    @Test
    void signatureFromMoreThanFifteenMinutesAheadIsNotYetCurrent() {
        clock.advance(Duration.ofMinutes(-20));
        try (DynamoDbClient alice = client(AwsBasicCredentials.create("AKIDALICE", "alice-secret"))) {
            assertThatThrownBy(alice::listTables).isInstanceOfSatisfying(DynamoDbException.class, e -> {
                assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException");
                assertThat(e.awsErrorDetails().errorMessage()).startsWith("Signature not yet current: ")
                        .endsWith(" + 15 min.)");
            });
        } finally {
            clock.advance(Duration.ofMinutes(20));
        }
    }

    @Test
    void temporaryCredentialsNeedTheirSessionToken() {
        try (DynamoDbClient temp = client(AwsSessionCredentials.create("ASIATEMP", "temp-secret",
                "the-session-token"))) {
            temp.listTables();
        }
        try (DynamoDbClient stolen = client(AwsSessionCredentials.create("ASIATEMP", "temp-secret", "forged"))) {
            assertThatThrownBy(stolen::listTables).isInstanceOfSatisfying(DynamoDbException.class, e ->
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
    }

    @Test
    void bodyChangedAfterSigningIsInvalidSignatureException() throws Exception {
        byte[] signedBody = "{\"TableName\":\"signed\"}".getBytes(StandardCharsets.UTF_8);
        SdkHttpRequest signed = AwsV4HttpSigner.create().sign(r -> r
                .identity(AwsCredentialsIdentity.create("AKIDALICE", "alice-secret"))
                .request(SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(server.endpoint())
                        .putHeader("Content-Type", "application/x-amz-json-1.0")
                        .putHeader("X-Amz-Target", "DynamoDB_20120810.DescribeTable").build())
                .payload(ContentStreamProvider.fromByteArray(signedBody))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, clock)).request();
        HttpRequest.Builder tampered = HttpRequest.newBuilder(server.endpoint())
                .POST(HttpRequest.BodyPublishers.ofString("{\"TableName\":\"other\"}"));
        signed.forEachHeader((name, values) -> {
            if (!name.equalsIgnoreCase("Host")) {
                values.forEach(v -> tampered.header(name, v));
            }
        });
        HttpResponse<String> response = HttpClient.newHttpClient().send(tampered.build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"__type\":\"com.amazon.coral.service#InvalidSignatureException\","
                + "\"message\":\"The request signature we calculated does not match");
    }

    @Test
    void boto3SignsRequestsTheServerAcceptsAndGetsEachSignatureErrorWithDynamoDbsWording() throws Exception {
        Path script = dir.resolve("boto3_auth.py");
        try (InputStream in = AuthenticationIT.class.getResourceAsStream("/boto3_auth.py")) {
            Files.copy(in, script);
        }
        Instant now = clock.instant();
        List<String> lines = run(List.of("python3", script.toString(), server.endpoint().toString(), "AKIDALICE",
                "alice-secret", basic(now)));
        String invalid = "The request signature we calculated does not match the signature you provided. Check your "
                + "AWS Secret Access Key and signing method. Consult the service documentation for details.";
        Duration twenty = Duration.ofMinutes(20);
        Duration fifteen = Duration.ofMinutes(15);
        assertThat(lines).containsExactly("get stored",
                "wrong-secret InvalidSignatureException 400: " + invalid,
                "unknown-key UnrecognizedClientException 400: The security token included in the request is invalid.",
                "unsigned MissingAuthenticationTokenException 400: Request is missing Authentication Token",
                "expired InvalidSignatureException 400: Signature expired: " + basic(now.minus(twenty))
                        + " is now earlier than " + basic(now.minus(fifteen)) + " (" + basic(now) + " - 15 min.)",
                "future InvalidSignatureException 400: Signature not yet current: " + basic(now.plus(twenty))
                        + " is still later than " + basic(now.plus(fifteen)) + " (" + basic(now) + " + 15 min.)",
                "tampered-body 400 {\"__type\":\"com.amazon.coral.service#InvalidSignatureException\","
                        + "\"message\":\"" + invalid);
    }

    private static String basic(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(instant);
    }

    @Test
    void awsCliSignsRequestsTheServerAccepts() throws Exception {
        try (DynamoDbClient alice = client(AwsBasicCredentials.create("AKIDALICE", "alice-secret"))) {
            Tables.hashTable(alice, "cli-visible");
        }
        List<String> out = run(List.of("aws", "dynamodb", "list-tables", "--endpoint-url",
                server.endpoint().toString(), "--region", "us-west-2", "--output", "text"));
        assertThat(String.join("\n", out)).contains("cli-visible");
    }

    private static List<String> run(List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "AKIDALICE");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "alice-secret");
        builder.environment().remove("AWS_SESSION_TOKEN");
        builder.environment().remove("AWS_PROFILE");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output.lines().toList();
    }

    private DynamoDbClient client(AwsCredentials credentials) {
        return SdkClients.withoutRetries(SdkClients.builder(server.endpoint(), Region.EU_WEST_1, credentials)).build();
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}
