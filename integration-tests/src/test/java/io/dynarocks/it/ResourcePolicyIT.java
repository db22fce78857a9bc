package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.PolicyNotFoundException;

/** A table's resource-based policy grants what identity policies do not, and its explicit deny wins. */
class ResourcePolicyIT {

    @TempDir
    static Path dir;

    private static AuthFixture fixture;
    private static DynamoDbClient admin;
    private static DynamoDbClient carol;
    private static String arn;

    @BeforeAll
    static void start() throws IOException {
        fixture = AuthFixture.start(dir, AuthFixture.accounts(
                AuthFixture.account("000000000000", AuthFixture.user("admin", "AKIDADMIN", "admin-secret", null)),
                AuthFixture.account("111122223333", AuthFixture.user("carol", "AKIDCAROL", "carol-secret", """
                        [{"Statement": [{"Effect": "Allow", "Action": "dynamodb:ListTables", "Resource": "*"},
                          {"Effect": "Allow", "Action": ["dynamodb:GetItem", "dynamodb:DeleteItem"],
                           "Resource": "arn:aws:dynamodb:*:000000000000:table/shared"}]}]"""))));
        admin = fixture.client("AKIDADMIN", "admin-secret");
        carol = fixture.client("AKIDCAROL", "carol-secret");
        Tables.hashTable(admin, "shared");
        admin.putItem(b -> b.tableName("shared").item(Map.of("pk", AttributeValue.fromS("a"))));
        arn = admin.describeTable(b -> b.tableName("shared")).table().tableArn();
    }

    @AfterAll
    static void stop() {
        fixture.close();
    }

    @Test
    void resourcePolicyGrantsASecondAccountUntilItIsDeleted() {
        // Another account's table is named by its ARN; both its identity policy and the table's must allow.
        assertThatThrownBy(this::carolReads).isInstanceOfSatisfying(DynamoDbException.class, e ->
                assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("User: arn:aws:iam::111122223333:user/carol "
                        + "is not authorized to perform: dynamodb:GetItem on resource: " + arn + " because no "
                        + "resource-based policy allows the dynamodb:GetItem action"));
        String policy = AuthFixture.allowAccount("111122223333", arn, "dynamodb:GetItem", "dynamodb:Query");
        String revision = admin.putResourcePolicy(b -> b.resourceArn(arn).policy(policy)).revisionId();
        assertThat(carolReads()).isTrue();
        var stored = admin.getResourcePolicy(b -> b.resourceArn(arn));
        assertThat(stored.policy()).isEqualTo(policy);
        assertThat(stored.revisionId()).isEqualTo(revision);
        assertThatThrownBy(() -> carol.deleteItem(b -> b.tableName(arn).key(Map.of("pk", AttributeValue.fromS("a")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e ->
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("AccessDeniedException"));
        // By its name alone, the table is carol's own account's.
        assertThatThrownBy(() -> carol.getItem(b -> b.tableName("shared").key(Map.of("pk", AttributeValue.fromS("a")))))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .contains("on resource: arn:aws:dynamodb:us-east-1:111122223333:table/shared because no "
                                + "identity-based policy allows"));

        admin.deleteResourcePolicy(b -> b.resourceArn(arn));
        assertThatThrownBy(this::carolReads).isInstanceOf(DynamoDbException.class);
        assertThatThrownBy(() -> admin.getResourcePolicy(b -> b.resourceArn(arn)))
                .isInstanceOf(PolicyNotFoundException.class)
                .hasMessageStartingWith("Resource-based policy not found for the provided ResourceArn: " + arn);
    }

    @Test
    void explicitDenyInAResourcePolicyOverridesFullAccess() {
        Tables.hashTable(admin, "protected");
        String protectedArn = admin.describeTable(b -> b.tableName("protected")).table().tableArn();
        admin.putResourcePolicy(b -> b.resourceArn(protectedArn).policy("""
                {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*",
                  "Action": "dynamodb:DeleteTable", "Resource": "%s"}]}""".formatted(protectedArn)));
        assertThatThrownBy(() -> admin.deleteTable(b -> b.tableName("protected")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("User: arn:aws:iam::000000000000:user/admin is not authorized to perform: "
                                + "dynamodb:DeleteTable on resource: " + protectedArn
                                + " with an explicit deny in a resource-based policy"));
    }

    private boolean carolReads() {
        return carol.getItem(b -> b.tableName(arn).key(Map.of("pk", AttributeValue.fromS("a")))).hasItem();
    }
}
