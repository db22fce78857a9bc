package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DatabaseLayout;
import io.dynarocks.server.DynaRocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** With authentication on, tables belong to the signing key's account, as in AWS: other accounts cannot see them. */
class AccountIsolationIT {

    private static final String CREDENTIALS = """
            {"accounts": [
              {"id": "000000000000", "users": [{"name": "admin",
                 "keys": [{"accessKeyId": "AKIDADMIN", "secretAccessKey": "admin-secret"}]}]},
              {"id": "111122223333", "users": [
                 {"name": "bob", "keys": [{"accessKeyId": "AKIDBOB", "secretAccessKey": "bob-secret"}]},
                 {"name": "bea", "keys": [{"accessKeyId": "AKIDBEA", "secretAccessKey": "bea-secret"}]}]},
              {"id": "444455556666", "users": [{"name": "eve",
                 "keys": [{"accessKeyId": "AKIDEVE", "secretAccessKey": "eve-secret"}]}]}]}
            """;

    @TempDir
    static Path dir;

    private static DynaRocks server;
    private static DynamoDbClient admin;
    private static DynamoDbClient bob;
    private static DynamoDbClient bea;
    private static DynamoDbClient eve;

    @BeforeAll
    static void start() throws IOException {
        Path auth = dir.resolve("auth.json");
        Files.writeString(auth, CREDENTIALS);
        server = DynaRocks.builder().inMemory().port(0).auth(auth).start();
        admin = client(server, "AKIDADMIN", "admin-secret");
        bob = client(server, "AKIDBOB", "bob-secret");
        bea = client(server, "AKIDBEA", "bea-secret");
        eve = client(server, "AKIDEVE", "eve-secret");
        Tables.hashTable(bob, "orders");
        bob.putItem(b -> b.tableName("orders").item(Map.of("pk", AttributeValue.fromS("o1"))));
    }

    @AfterAll
    static void stop() {
        for (DynamoDbClient c : new DynamoDbClient[] {admin, bob, bea, eve}) {
            c.close();
        }
        server.close();
    }

    @Test
    void aTablesArnCarriesTheAccountOfTheKeyThatCreatedIt() {
        assertThat(bob.describeTable(b -> b.tableName("orders")).table().tableArn())
                .isEqualTo("arn:aws:dynamodb:us-east-1:111122223333:table/orders");
    }

    @Test
    void everyKeyOfAnAccountSeesItsTables() {
        assertThat(bea.listTables().tableNames()).contains("orders");
        assertThat(bea.getItem(b -> b.tableName("orders").key(Map.of("pk", AttributeValue.fromS("o1")))).hasItem())
                .isTrue();
    }

    @Test
    void anotherAccountsTablesAreInvisible() {
        assertThat(eve.listTables().tableNames()).doesNotContain("orders");
        assertThat(admin.listTables().tableNames()).doesNotContain("orders");
        assertThatThrownBy(() -> eve.describeTable(b -> b.tableName("orders")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageStartingWith("Requested resource not found: Table: orders not found");
        assertThatThrownBy(() -> eve.getItem(b -> b.tableName("orders").key(Map.of("pk", AttributeValue.fromS("o1")))))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> eve.deleteTable(b -> b.tableName("orders")))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void twoAccountsMayHaveTablesOfTheSameName() {
        Tables.hashTable(eve, "profiles");
        Tables.hashTable(admin, "profiles");
        eve.putItem(b -> b.tableName("profiles").item(Map.of("pk", AttributeValue.fromS("eve"))));
        assertThat(admin.scan(b -> b.tableName("profiles")).count()).isZero();
        assertThat(eve.scan(b -> b.tableName("profiles")).count()).isOne();
        assertThat(eve.describeTable(b -> b.tableName("profiles")).table().tableArn())
                .isEqualTo("arn:aws:dynamodb:us-east-1:444455556666:table/profiles");
        assertThat(admin.describeTable(b -> b.tableName("profiles")).table().tableArn())
                .isEqualTo("arn:aws:dynamodb:us-east-1:000000000000:table/profiles");
    }

    @Test
    void anotherAccountsTableNamedByArnNeedsItsResourcePolicy() {
        String arn = "arn:aws:dynamodb:us-east-1:111122223333:table/orders";
        assertThatThrownBy(() -> eve.getItem(b -> b.tableName(arn).key(Map.of("pk", AttributeValue.fromS("o1")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("User: arn:aws:iam::444455556666:user/eve is not authorized to perform: "
                                + "dynamodb:GetItem on resource: " + arn + " because no resource-based policy allows "
                                + "the dynamodb:GetItem action"));
        assertThat(bob.getItem(b -> b.tableName(arn).key(Map.of("pk", AttributeValue.fromS("o1")))).hasItem())
                .isTrue();
        assertThatThrownBy(() -> eve.getItem(b -> b.tableName("arn:aws:dynamodb:us-east-1:999999999999:table/orders")
                .key(Map.of("pk", AttributeValue.fromS("o1"))))).isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void perCredentialDatabasesWorkWithAuthenticationAndCarryTheKeysAccount() throws IOException {
        Path auth = dir.resolve("auth-per-credential.json");
        Files.writeString(auth, CREDENTIALS);
        try (DynaRocks perKey = DynaRocks.builder().inMemory().port(0).auth(auth)
                .databases(DatabaseLayout.PER_CREDENTIAL).start();
                DynamoDbClient bobsOwn = client(perKey, "AKIDBOB", "bob-secret");
                DynamoDbClient beasOwn = client(perKey, "AKIDBEA", "bea-secret")) {
            Tables.hashTable(bobsOwn, "notes");
            assertThat(bobsOwn.describeTable(b -> b.tableName("notes")).table().tableArn())
                    .isEqualTo("arn:aws:dynamodb:us-east-1:111122223333:table/notes");
            assertThat(beasOwn.listTables().tableNames()).doesNotContain("notes");
            assertThatThrownBy(() -> client(perKey, "AKIDBOB", "wrong").listTables())
                    .isInstanceOfSatisfying(DynamoDbException.class, e ->
                            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidSignatureException"));
        }
    }

    private static DynamoDbClient client(DynaRocks on, String id, String secret) {
        return SdkClients.withoutRetries(SdkClients.builder(on.endpoint(), id, secret)).build();
    }
}
