package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.SSEDescription;
import software.amazon.awssdk.services.dynamodb.model.SSESpecification;

/** SSESpecification in CreateTable and UpdateTable, and SSEDescription in DescribeTable, as DynamoDB reports them. */
class ServerSideEncryptionIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static final String KEY_ARN = "arn:aws:kms:us-east-1:000000000000:key/1234abcd-12ab-34cd-56ef-1234567890ab";

    private final DynamoDbClient client = SERVER.client();

    private void create(String name, Consumer<SSESpecification.Builder> sse) {
        client.createTable(table(name).toBuilder().sseSpecification(sse).build());
    }

    private static CreateTableRequest table(String name) {
        return CreateTableRequest.builder().tableName(name).billingMode("PAY_PER_REQUEST")
                .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                .keySchema(k -> k.attributeName("pk").keyType("HASH")).build();
    }

    private SSEDescription described(String name) {
        return client.describeTable(b -> b.tableName(name)).table().sseDescription();
    }

    private static void invalid(Runnable call, String detail) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
            assertThat(e.awsErrorDetails().errorMessage())
                    .isEqualTo("One or more parameter values were invalid: " + detail);
        });
    }

    @Test
    void aTableWithoutSseSpecificationReportsNoSseDescription() {
        client.createTable(table("sse-owned"));
        assertThat(described("sse-owned")).isNull();
        create("sse-disabled", s -> s.enabled(false));
        assertThat(described("sse-disabled")).isNull();
    }

    @Test
    void enabledSseUsesTheAccountsAwsManagedKey() {
        SSEDescription created = client.createTable(table("sse-managed").toBuilder()
                .sseSpecification(s -> s.enabled(true)).build()).tableDescription().sseDescription();
        assertThat(created.statusAsString()).isEqualTo("ENABLED");
        assertThat(created.sseTypeAsString()).isEqualTo("KMS");
        assertThat(created.kmsMasterKeyArn()).matches("arn:aws:kms:us-east-1:000000000000:key/[0-9a-f-]{36}");
        assertThat(described("sse-managed")).isEqualTo(created);
        create("sse-managed-2", s -> s.enabled(true).sseType("KMS").kmsMasterKeyId("alias/aws/dynamodb"));
        assertThat(described("sse-managed-2").kmsMasterKeyArn()).isEqualTo(created.kmsMasterKeyArn());
    }

    @Test
    void aCustomerManagedKeyIsReportedByItsArn() {
        create("sse-cmk", s -> s.enabled(true).sseType("KMS").kmsMasterKeyId(KEY_ARN));
        assertThat(described("sse-cmk").kmsMasterKeyArn()).isEqualTo(KEY_ARN);
        create("sse-cmk-id", s -> s.enabled(true).sseType("KMS")
                .kmsMasterKeyId("1234abcd-12ab-34cd-56ef-1234567890ab"));
        assertThat(described("sse-cmk-id").kmsMasterKeyArn()).isEqualTo(KEY_ARN);
    }

    @Test
    void inconsistentSseSpecificationsAreRefused() {
        invalid(() -> create("sse-bad", s -> s.enabled(false).sseType("KMS")),
                "SSEType can not be specified if Enabled is false");
        invalid(() -> create("sse-bad", s -> s.enabled(false).kmsMasterKeyId(KEY_ARN)),
                "KMSMasterKeyId can not be specified if Enabled is false");
        invalid(() -> create("sse-bad", s -> s.enabled(true).kmsMasterKeyId(KEY_ARN)),
                "SSEType KMS is required if KMSMasterKeyId is specified");
        invalid(() -> create("sse-bad", s -> s.enabled(true).sseType("AES256")), "SSEType AES256 is not supported");
        assertThatThrownBy(() -> create("sse-bad", s -> s.enabled(true).sseType("RSA")))
                .isInstanceOfSatisfying(DynamoDbException.class, e -> assertThat(e.awsErrorDetails().errorMessage())
                        .isEqualTo("1 validation error detected: Value 'RSA' at 'sSESpecification.sSEType' failed to "
                                + "satisfy constraint: Member must satisfy enum value set: [AES256, KMS]"));
        assertThat(client.listTables().tableNames()).doesNotContain("sse-bad");
    }

    @Test
    void updateTableSwitchesBetweenKeysAndRefusesWhatChangesNothing() {
        client.createTable(table("sse-switch"));
        invalid(() -> client.updateTable(b -> b.tableName("sse-switch").sseSpecification(s -> s.enabled(false))),
                "Table is already encrypted by default");

        SSEDescription updated = client.updateTable(b -> b.tableName("sse-switch")
                .sseSpecification(s -> s.enabled(true).sseType("KMS").kmsMasterKeyId(KEY_ARN)))
                .tableDescription().sseDescription();
        assertThat(updated.kmsMasterKeyArn()).isEqualTo(KEY_ARN);
        assertThat(described("sse-switch").statusAsString()).isEqualTo("ENABLED");
        invalid(() -> client.updateTable(b -> b.tableName("sse-switch")
                        .sseSpecification(s -> s.enabled(true).sseType("KMS").kmsMasterKeyId(KEY_ARN))),
                "Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId parameter if you want to "
                        + "change Master Key");

        client.updateTable(b -> b.tableName("sse-switch").sseSpecification(s -> s.enabled(true)));
        assertThat(described("sse-switch").kmsMasterKeyArn()).isNotEqualTo(KEY_ARN)
                .startsWith("arn:aws:kms:us-east-1:000000000000:key/");

        client.updateTable(b -> b.tableName("sse-switch").sseSpecification(s -> s.enabled(false)));
        assertThat(described("sse-switch")).isNull();
    }
}
