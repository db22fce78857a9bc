package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.server.DynaRocks;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The RocksDB store keeps tables and items across restarts. */
class PersistenceIT {

    @TempDir
    Path dir;

    @Test
    void tablesAndItemsSurviveARestart() {
        try (DynaRocks db = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient client = ServerExtension.client(db.endpoint())) {
            Tables.hashTable(client, "Durable");
            Tables.hashTable(client, "Dropped");
            client.deleteTable(b -> b.tableName("Dropped"));
            client.putItem(b -> b.tableName("Durable").item(Map.of("pk", AttributeValue.fromS("k"),
                    "v", AttributeValue.fromN("42"))));
        }
        try (DynaRocks db = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient client = ServerExtension.client(db.endpoint())) {
            assertThat(client.listTables().tableNames()).containsExactly("Durable");
            assertThat(client.getItem(b -> b.tableName("Durable").key(Map.of("pk", AttributeValue.fromS("k"))))
                    .item()).containsEntry("v", AttributeValue.fromN("42"));
            assertThat(client.describeTable(b -> b.tableName("Durable")).table().itemCount()).isEqualTo(1);
            Tables.hashTable(client, "Dropped");
            assertThat(client.describeTable(b -> b.tableName("Dropped")).table().itemCount()).isZero();
        }
    }
}
