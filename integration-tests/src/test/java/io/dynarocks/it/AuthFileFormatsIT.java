package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** The {@code --auth} credentials file as JSON or as YAML: the same accounts, keys and policies either way. */
class AuthFileFormatsIT {

    private static final String JSON = """
            {"accounts": [
              {"id": "111122223333", "users": [
                {"name": "admin", "keys": [{"accessKeyId": "AKIDADMIN", "secretAccessKey": "admin-secret"}]},
                {"name": "alice", "tags": {"team": "red"},
                 "policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                   "Action": ["dynamodb:GetItem", "dynamodb:PutItem"],
                   "Resource": "arn:aws:dynamodb:*:*:table/scores",
                   "Condition": {"ForAllValues:StringEquals": {"dynamodb:LeadingKeys": ["${aws:username}"]}}}]}],
                 "keys": [{"accessKeyId": "ASIAALICE", "secretAccessKey": "alice-secret", "sessionToken": "tok"}]}]},
              {"id": "444455556666", "users": [
                {"name": "carol", "keys": [{"accessKeyId": "AKIDCAROL", "secretAccessKey": "carol-secret"}]}]}]}
            """;

    private static final String YAML = """
            # the same accounts as the JSON file
            accounts:
              - id: "111122223333"
                users:
                  - name: admin
                    keys:
                      - accessKeyId: AKIDADMIN
                        secretAccessKey: admin-secret
                  - name: alice
                    tags: {team: red}
                    policies:
                      - Version: "2012-10-17"
                        Statement:
                          - Effect: Allow
                            Action: [dynamodb:GetItem, dynamodb:PutItem]
                            Resource: "arn:aws:dynamodb:*:*:table/scores"
                            Condition:
                              ForAllValues:StringEquals:
                                dynamodb:LeadingKeys: ["${aws:username}"]
                    keys:
                      - accessKeyId: ASIAALICE
                        secretAccessKey: alice-secret
                        sessionToken: tok
              - id: "444455556666"
                users:
                  - name: carol
                    keys:
                      - {accessKeyId: AKIDCAROL, secretAccessKey: carol-secret}
            """;

    @TempDir
    Path dir;

    /** {@code credentials} has no extension: its content tells YAML from JSON. */
    @ParameterizedTest
    @ValueSource(strings = {"auth.json", "auth.yaml", "auth.yml", "credentials"})
    void jsonAndYamlCredentialsFilesGiveTheSameKeysAccountsAndPolicies(String name) throws IOException {
        Path auth = dir.resolve(name);
        Files.writeString(auth, name.endsWith(".json") ? JSON : YAML);
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).auth(auth).start();
                DynamoDbClient admin = client(server, AwsBasicCredentials.create("AKIDADMIN", "admin-secret"));
                DynamoDbClient alice = client(server, AwsSessionCredentials.create("ASIAALICE", "alice-secret", "tok"));
                DynamoDbClient carol = client(server, AwsBasicCredentials.create("AKIDCAROL", "carol-secret"));
                DynamoDbClient stranger = client(server, AwsBasicCredentials.create("AKIDNOBODY", "x"))) {
            Tables.hashTable(admin, "scores");
            assertThat(admin.describeTable(b -> b.tableName("scores")).table().tableArn())
                    .isEqualTo("arn:aws:dynamodb:us-east-1:111122223333:table/scores");

            // alice's policy: her own partition only
            alice.putItem(b -> b.tableName("scores").item(Map.of("pk", AttributeValue.fromS("alice"))));
            assertThat(alice.getItem(b -> b.tableName("scores").key(Map.of("pk", AttributeValue.fromS("alice"))))
                    .item()).containsEntry("pk", AttributeValue.fromS("alice"));
            assertThatThrownBy(() -> alice.putItem(b -> b.tableName("scores")
                    .item(Map.of("pk", AttributeValue.fromS("bob")))))
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException");
                        assertThat(e.getMessage()).startsWith("User: arn:aws:iam::111122223333:user/alice is not "
                                + "authorized to perform: dynamodb:PutItem on resource: "
                                + "arn:aws:dynamodb:us-east-1:111122223333:table/scores");
                    });
            // another account does not see the table; an unknown key is refused
            assertThatThrownBy(() -> carol.describeTable(b -> b.tableName("scores")))
                    .isInstanceOf(ResourceNotFoundException.class);
            assertThatThrownBy(stranger::listTables)
                    .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(
                            e.awsErrorDetails().errorCode()).isEqualTo("UnrecognizedClientException"));
        }
    }

    @Test
    void malformedYamlCredentialsFileRefusesToStartNamingTheFileAndLine() throws IOException {
        Path auth = dir.resolve("auth.yaml");
        Files.writeString(auth, """
                accounts:
                  - id: "111122223333"
                    users: [{name: alice
                """);
        assertThatThrownBy(() -> DynaRocks.builder().inMemory().port(0).auth(auth).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot parse " + auth + " as YAML")
                .hasMessageContaining("line 4");
    }

    @Test
    void unquotedNumericAccountIdInYamlIsRefusedWithAHintToQuoteIt() throws IOException {
        Path auth = dir.resolve("auth.yml");
        Files.writeString(auth, """
                accounts:
                  - id: 111122223333
                    users: []
                """);
        assertThatThrownBy(() -> DynaRocks.builder().inMemory().port(0).auth(auth).start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"id\" must be a string (quote it in YAML)");
    }

    private static DynamoDbClient client(DynaRocks server, AwsCredentials credentials) {
        return SdkClients.withoutRetries(SdkClients.builder(server.endpoint(), Region.US_EAST_1, credentials)).build();
    }
}
