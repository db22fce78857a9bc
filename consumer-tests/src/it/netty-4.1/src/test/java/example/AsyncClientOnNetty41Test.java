package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dynarocks.junit5.DynaRocksTest;
import io.netty.util.Version;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** The application's own asynchronous client runs on Netty 4.1 while the server runs on its relocated Netty 4.2. */
@DynaRocksTest
class AsyncClientOnNetty41Test {
    URI endpoint;

    @Test
    void applicationsNetty41ClientTalksToTheServer() {
        assertTrue(Version.identify().get("netty-common").artifactVersion().startsWith("4.1."));
        try (DynamoDbAsyncClient client = DynamoDbAsyncClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("key", "secret")))
                .httpClientBuilder(NettyNioAsyncHttpClient.builder())
                .build()) {
            client.createTable(b -> b.tableName("Orders").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH))).join();
            assertEquals(List.of("Orders"), client.listTables().join().tableNames());
        }
    }
}
