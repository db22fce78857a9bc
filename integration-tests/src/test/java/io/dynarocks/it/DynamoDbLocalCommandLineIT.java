package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * The server jar started with DynamoDB Local's documented command lines
 * ({@code java -Djava.library.path=./DynamoDBLocal_lib -jar DynamoDBLocal.jar -sharedDb -inMemory -port 8000}
 * and its variants), on a free port instead of 8000: with {@code -sharedDb} every credential sees one
 * database, without it each access key id and region has its own, as in DynamoDB Local.
 */
class DynamoDbLocalCommandLineIT {

    private static final List<String> JVM = List.of("-Djava.library.path=./DynamoDBLocal_lib");

    @TempDir
    Path dir;

    private Process server;

    @AfterEach
    void stop() throws InterruptedException {
        if (server != null) {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    private URI start(String... args) throws Exception {
        server = ServerProcess.start(JVM, args);
        return ServerProcess.awaitEndpoint(server);
    }

    static DynamoDbClient client(URI endpoint, String accessKeyId, Region region) {
        return SdkClients.builder(endpoint, region, AwsBasicCredentials.create(accessKeyId, "secret")).build();
    }

    @Test
    void sharedDbShowsEveryCredentialAndRegionTheSameTables() throws Exception {
        URI endpoint = start("-sharedDb", "-inMemory", "-port", "0");
        try (DynamoDbClient alice = client(endpoint, "alice", Region.US_EAST_1);
                DynamoDbClient bob = client(endpoint, "bob", Region.EU_WEST_1)) {
            Tables.hashTable(alice, "Shared");
            alice.putItem(b -> b.tableName("Shared").item(Map.of("pk", AttributeValue.fromS("a"))));
            assertThat(bob.listTables().tableNames()).containsExactly("Shared");
            assertThat(bob.getItem(b -> b.tableName("Shared").key(Map.of("pk", AttributeValue.fromS("a")))).hasItem())
                    .isTrue();
        }
    }

    @Test
    void withoutSharedDbEachAccessKeyIdHasItsOwnTables() throws Exception {
        URI endpoint = start("-inMemory", "-port", "0");
        try (DynamoDbClient alice = client(endpoint, "alice", Region.US_EAST_1);
                DynamoDbClient bob = client(endpoint, "bob", Region.US_EAST_1);
                DynamoDbClient aliceAgain = client(endpoint, "alice", Region.US_EAST_1)) {
            Tables.hashTable(alice, "Orders");
            alice.putItem(b -> b.tableName("Orders").item(Map.of("pk", AttributeValue.fromS("alice's"))));
            assertThat(bob.listTables().tableNames()).isEmpty();

            // The same name is free in bob's database, and its items are bob's alone.
            Tables.hashTable(bob, "Orders");
            bob.putItem(b -> b.tableName("Orders").item(Map.of("pk", AttributeValue.fromS("bob's"))));
            assertThat(bob.scan(b -> b.tableName("Orders")).items())
                    .containsExactly(Map.of("pk", AttributeValue.fromS("bob's")));
            assertThat(aliceAgain.scan(b -> b.tableName("Orders")).items())
                    .containsExactly(Map.of("pk", AttributeValue.fromS("alice's")));
        }
    }

    @Test
    void withoutSharedDbTheSameKeyInAnotherRegionHasOtherTables() throws Exception {
        URI endpoint = start("-inMemory", "-port", "0");
        try (DynamoDbClient east = client(endpoint, "alice", Region.US_EAST_1);
                DynamoDbClient west = client(endpoint, "alice", Region.US_WEST_2)) {
            Tables.hashTable(east, "East");
            Tables.hashTable(west, "West");
            assertThat(east.listTables().tableNames()).containsExactly("East");
            assertThat(west.listTables().tableNames()).containsExactly("West");
        }
    }

    @Test
    void withoutSharedDbStreamsBelongToTheirCredentialsDatabase() throws Exception {
        URI endpoint = start("-inMemory", "-port", "0");
        try (DynamoDbClient alice = client(endpoint, "alice", Region.US_EAST_1);
                DynamoDbStreamsClient aliceStreams = streams(endpoint, "alice");
                DynamoDbStreamsClient bobStreams = streams(endpoint, "bob")) {
            Tables.hashTable(alice, "Streamed");
            alice.updateTable(b -> b.tableName("Streamed").streamSpecification(s -> s.streamEnabled(true)
                    .streamViewType(StreamViewType.NEW_IMAGE)));
            assertThat(aliceStreams.listStreams(b -> { }).streams()).hasSize(1);
            assertThat(bobStreams.listStreams(b -> { }).streams()).isEmpty();
        }
    }

    @Test
    void withoutSharedDbEachCredentialsTablesPersistInDbPath() throws Exception {
        Path dbPath = dir.resolve("ddb");
        for (int round = 0; round < 2; round++) {
            URI endpoint = start("-dbPath", dbPath.toString(), "-port", "0");
            try (DynamoDbClient alice = client(endpoint, "alice", Region.US_EAST_1);
                    DynamoDbClient bob = client(endpoint, "bob", Region.US_EAST_1)) {
                if (round == 0) {
                    Tables.hashTable(alice, "AliceTable");
                    Tables.hashTable(bob, "BobTable");
                }
                assertThat(alice.listTables().tableNames()).containsExactly("AliceTable");
                assertThat(bob.listTables().tableNames()).containsExactly("BobTable");
            }
            stop();
            server = null;
        }
    }

    @Test
    void corsAllowsOnlyTheListedOrigins() throws Exception {
        URI endpoint = start("-sharedDb", "-inMemory", "-cors", "http://app.example,http://admin.example", "-port", "0");
        try (RawHttp http = new RawHttp(endpoint)) {
            RawHttp.Response listed = http.post("DynamoDB_20120810.ListTables", "{}", "Origin: http://admin.example");
            assertThat(listed.header("Access-Control-Allow-Origin")).isEqualTo("http://admin.example");
            assertThat(listed.header("Vary")).isEqualTo("Origin");
            RawHttp.Response other = http.post("DynamoDB_20120810.ListTables", "{}", "Origin: http://evil.example");
            assertThat(other.status()).isEqualTo(200);
            assertThat(other.header("Access-Control-Allow-Origin")).isNull();
        }
    }

    private static DynamoDbStreamsClient streams(URI endpoint, String accessKeyId) {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKeyId, "secret")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
