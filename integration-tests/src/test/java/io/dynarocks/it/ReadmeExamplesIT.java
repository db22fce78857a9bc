package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.junit5.DynaRocksTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;

/**
 * The README's Java examples, run. Every {@code ```java} block of the README must appear verbatim
 * (ignoring indentation) in this file, {@link Song}, {@link MusicTest} or {@link EmbeddedServerTest}, with
 * {@code URI.create("http://localhost:8000")} standing for the test server's {@code endpoint};
 * blocks with more in their info string (e.g. {@code ```java testcontainers}, which needs Docker)
 * are not checked.
 */
@DynaRocksTest
class ReadmeExamplesIT {

    private static final Path SOURCES = Path.of("src", "test", "java", "io", "dynarocks", "it");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);

    URI endpoint;
    DynamoDbClient client;

    @Test
    void quickStartWithTheJavaSdk() {
        DynamoDbClient client = DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .build();
        client.createTable(b -> b.tableName("Music")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("Artist").attributeType("S").build())
                .keySchema(KeySchemaElement.builder().attributeName("Artist").keyType(KeyType.HASH).build()));
        client.putItem(b -> b.tableName("Music").item(Map.of("Artist", AttributeValue.fromS("Acme Band"))));

        assertThat(client.getItem(b -> b.tableName("Music").key(Map.of("Artist", AttributeValue.fromS("Acme Band"))))
                .hasItem()).isTrue();
        client.close();
    }

    @Test
    void quickStartWithTheEnhancedClient() {
        DynamoDbEnhancedClient enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
        DynamoDbTable<Song> songs = enhanced.table("Songs", TableSchema.fromBean(Song.class));
        songs.createTable();
        songs.putItem(new Song("Acme Band", "Happy Day"));
        Song song = songs.getItem(Key.builder().partitionValue("Acme Band").sortValue("Happy Day").build());

        assertThat(song.getArtist()).isEqualTo("Acme Band");
    }

    @Test
    void everyJavaBlockOfTheReadmeIsRunHere() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8)
                .replace("URI.create(\"http://localhost:8000\")", "endpoint");
        List<List<String>> sources = new ArrayList<>();
        for (String file : List.of("ReadmeExamplesIT.java", "Song.java", "MusicTest.java", "EmbeddedServerTest.java")) {
            sources.add(lines(Files.readString(SOURCES.resolve(file), StandardCharsets.UTF_8)));
        }
        Matcher block = JAVA_BLOCK.matcher(readme);
        int blocks = 0;
        while (block.find()) {
            List<String> example = lines(block.group(1));
            assertThat(sources).as("README example not found in the tests:%n%s", block.group(1))
                    .anyMatch(source -> Collections.indexOfSubList(source, example) >= 0);
            blocks++;
        }
        assertThat(blocks).isGreaterThanOrEqualTo(5);
    }

    private static List<String> lines(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
