package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DatabaseLayout;
import io.dynarocks.server.DynaRocks;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.Record;
import software.amazon.awssdk.services.dynamodb.model.SSEType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * Every ARN and message naming a region names the region of the table's database: the server's
 * ({@code --region}) for the shared database, the signing region for DynamoDB Local's per-credential ones.
 */
class RegionArnsIT {

    private static final String ACCOUNT = "000000000000";

    @Test
    void tableStreamIndexBackupAndKeyArnsNameTheServersRegion() {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).region("eu-west-1").start();
                DynamoDbClient client = client(server.endpoint(), "key", Region.EU_WEST_1)) {
            TableDescription table = createTable(client, "Orders");
            String tableArn = "arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/Orders";
            assertThat(table.tableArn()).isEqualTo(tableArn);
            assertThat(table.latestStreamArn()).startsWith(tableArn + "/stream/");
            assertThat(table.globalSecondaryIndexes().get(0).indexArn()).isEqualTo(tableArn + "/index/byStatus");
            assertThat(table.sseDescription().kmsMasterKeyArn())
                    .isEqualTo("arn:aws:kms:eu-west-1:" + ACCOUNT + ":key/orders-key");
            assertThat(client.createBackup(b -> b.tableName("Orders").backupName("nightly")).backupDetails()
                    .backupArn()).startsWith(tableArn + "/backup/");
        }
    }

    @Test
    void streamRecordsCarryTheServersRegion() {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).region("eu-west-1").start();
                DynamoDbClient client = client(server.endpoint(), "key", Region.EU_WEST_1);
                DynamoDbStreamsClient streams = StreamClients.client(server.endpoint())) {
            TableDescription table = createTable(client, "Orders");
            client.putItem(b -> b.tableName("Orders").item(Map.of("pk", AttributeValue.fromS("o-1"))));
            assertThat(streams.listStreams(b -> b.tableName("Orders")).streams().get(0).streamArn())
                    .isEqualTo(table.latestStreamArn());
            List<Record> records = StreamClients.all(streams, table.latestStreamArn());
            assertThat(records).singleElement().satisfies(r -> assertThat(r.awsRegion()).isEqualTo("eu-west-1"));
        }
    }

    @Test
    void limitMessagesNameTheServersRegion() {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).region("eu-west-1").limits().start();
                DynamoDbClient client = client(server.endpoint(), "key", Region.EU_WEST_1)) {
            assertThatThrownBy(() -> client.createTable(b -> b.tableName("Huge")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                    .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                    .provisionedThroughput(p -> p.readCapacityUnits(40_001L).writeCapacityUnits(1L))))
                    .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(
                            e.awsErrorDetails().errorMessage()).isEqualTo("The requested ReadCapacityUnits, 40001, is "
                            + "above the per table maximum for the account in eu-west-1. Per table maximum: 40000."));
        }
    }

    @Test
    void perCredentialDatabasesOfOneKeyAreEachInTheRegionTheyAreSignedFor() {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).databases(DatabaseLayout.PER_CREDENTIAL)
                .start();
                DynamoDbClient ireland = client(server.endpoint(), "AKIDLOCAL", Region.EU_WEST_1);
                DynamoDbClient sydney = client(server.endpoint(), "AKIDLOCAL", Region.AP_SOUTHEAST_2)) {
            TableDescription inIreland = createTable(ireland, "Orders");
            TableDescription inSydney = createTable(sydney, "Orders");
            assertThat(inIreland.tableArn()).isEqualTo("arn:aws:dynamodb:eu-west-1:" + ACCOUNT + ":table/Orders");
            assertThat(inSydney.tableArn()).isEqualTo("arn:aws:dynamodb:ap-southeast-2:" + ACCOUNT + ":table/Orders");
            assertThat(inSydney.latestStreamArn()).startsWith(inSydney.tableArn() + "/stream/");
            assertThat(inSydney.sseDescription().kmsMasterKeyArn())
                    .isEqualTo("arn:aws:kms:ap-southeast-2:" + ACCOUNT + ":key/orders-key");
            assertThat(sydney.createBackup(b -> b.tableName("Orders").backupName("nightly")).backupDetails()
                    .backupArn()).startsWith(inSydney.tableArn() + "/backup/");
        }
    }

    /** A table with a stream, a global index and a customer managed key. */
    private static TableDescription createTable(DynamoDbClient client, String name) {
        return client.createTable(b -> b.tableName(name)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("status").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .globalSecondaryIndexes(i -> i.indexName("byStatus")
                        .keySchema(k -> k.attributeName("status").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))
                .billingMode("PAY_PER_REQUEST")
                .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE))
                .sseSpecification(s -> s.enabled(true).sseType(SSEType.KMS).kmsMasterKeyId("orders-key")))
                .tableDescription();
    }

    private static DynamoDbClient client(URI endpoint, String accessKeyId, Region region) {
        return SdkClients.withoutRetries(SdkClients.builder(endpoint, region,
                AwsBasicCredentials.create(accessKeyId, "s"))).build();
    }
}
