package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * What a test class gets from {@code @DynaRocksTest}, whichever way its clients reach the server.
 * Subclasses pick the transport; they run in parallel, each with its own server, and all create a
 * table of the same name, which only works if their servers are separate.
 */
abstract class ExtensionClientsContract {

    DynamoDbClient client;
    DynamoDbAsyncClient asyncClient;
    DynamoDbEnhancedClient enhancedClient;
    DynamoDbStreamsClient streamsClient;
    URI endpoint;

    @BeforeAll
    static void createSharedTableName(DynamoDbClient client) {
        Tables.hashTable(client, "Shared");
    }

    @Test
    void injectsEveryClientAndTheEndpoint() {
        assertThat(client).isNotNull();
        assertThat(asyncClient).isNotNull();
        assertThat(enhancedClient).isNotNull();
        assertThat(streamsClient).isNotNull();
        assertThat(endpoint.getScheme()).isEqualTo("http");
    }

    @Test
    void parametersGetTheSameClientsAsFields(DynamoDbClient parameter, URI endpointParameter) {
        assertThat(parameter).isSameAs(client);
        assertThat(endpointParameter).isEqualTo(endpoint);
    }

    @Test
    void eachClassHasItsOwnServer() {
        assertThat(client.listTables().tableNames()).contains("Shared");
        assertThat(client.describeTable(b -> b.tableName("Shared")).table().itemCount()).isZero();
    }

    @Test
    void asyncClientReadsWhatTheSyncClientWrote() {
        Tables.hashTable(client, "SyncAsync");
        client.putItem(b -> b.tableName("SyncAsync").item(Map.of("pk", AttributeValue.fromS("a"),
                "n", AttributeValue.fromN("7"))));

        Map<String, AttributeValue> item = asyncClient.getItem(b -> b.tableName("SyncAsync")
                .key(Map.of("pk", AttributeValue.fromS("a")))).join().item();

        assertThat(item).containsEntry("n", AttributeValue.fromN("7"));
    }

    @Test
    void enhancedClientMapsBeansToItems() {
        DynamoDbTable<Song> songs = enhancedClient.table("EnhancedSongs", TableSchema.fromBean(Song.class));
        songs.createTable();
        songs.putItem(new Song("Acme Band", "Happy Day"));

        Song song = songs.getItem(Key.builder().partitionValue("Acme Band").sortValue("Happy Day").build());

        assertThat(song.getTitle()).isEqualTo("Happy Day");
        assertThat(client.getItem(b -> b.tableName("EnhancedSongs").key(Map.of(
                "artist", AttributeValue.fromS("Acme Band"), "title", AttributeValue.fromS("Happy Day"))))
                .item()).containsKey("title");
    }

    @Test
    void missingTableIsResourceNotFoundWithDynamoDbsMessage() {
        assertThatThrownBy(() -> client.getItem(b -> b.tableName("Missing")
                .key(Map.of("pk", AttributeValue.fromS("a")))))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Requested resource not found");
                });
        assertThatThrownBy(() -> asyncClient.describeTable(b -> b.tableName("Missing")).join())
                .hasCauseInstanceOf(ResourceNotFoundException.class);
    }
}
