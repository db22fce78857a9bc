package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** DeletionProtectionEnabled on CreateTable, UpdateTable and DescribeTable; DeleteTable refused while it is on. */
class DeletionProtectionIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @TempDir
    Path dir;

    @Test
    void protectedTableCannotBeDeletedUntilProtectionIsTurnedOff() {
        createProtected(client, "Protected");
        assertThat(client.describeTable(b -> b.tableName("Protected")).table().deletionProtectionEnabled()).isTrue();

        assertThatThrownBy(() -> client.deleteTable(b -> b.tableName("Protected")))
                .isInstanceOf(DynamoDbException.class)
                .satisfies(e -> assertThat(((DynamoDbException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"))
                .hasMessageStartingWith("Resource cannot be deleted as it is currently protected against deletion. "
                        + "Disable deletion protection first.");
        assertThat(client.listTables().tableNames()).contains("Protected");

        assertThat(client.updateTable(b -> b.tableName("Protected").deletionProtectionEnabled(false))
                .tableDescription().deletionProtectionEnabled()).isFalse();
        client.deleteTable(b -> b.tableName("Protected"));
        assertThat(client.listTables().tableNames()).doesNotContain("Protected");
    }

    @Test
    void updateTableCanTurnProtectionOnAlone() {
        Tables.hashTable(client, "LaterProtected");
        assertThat(client.describeTable(b -> b.tableName("LaterProtected")).table().deletionProtectionEnabled())
                .isFalse();
        client.updateTable(b -> b.tableName("LaterProtected").deletionProtectionEnabled(true));
        assertThatThrownBy(() -> client.deleteTable(b -> b.tableName("LaterProtected")))
                .hasMessageStartingWith("Resource cannot be deleted");
    }

    @Test
    void protectionSurvivesARestart() {
        try (DynaRocks db = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient c = ServerExtension.client(db.endpoint())) {
            createProtected(c, "Durable");
        }
        try (DynaRocks db = DynaRocks.builder().dataDir(dir).port(0).start();
                DynamoDbClient c = ServerExtension.client(db.endpoint())) {
            assertThat(c.describeTable(b -> b.tableName("Durable")).table().deletionProtectionEnabled()).isTrue();
        }
    }

    private static void createProtected(DynamoDbClient c, String name) {
        c.createTable(b -> b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST).deletionProtectionEnabled(true)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build()));
    }
}
