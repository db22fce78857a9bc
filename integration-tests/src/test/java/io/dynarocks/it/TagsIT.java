package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DescribeLimitsResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** Table tags (set at CreateTable or with TagResource) and the account limits that tools ask for. */
class TagsIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @Test
    void tagsSetAtCreationAndLaterAreListedAndRemoved() {
        String arn = client.createTable(b -> b.tableName("Tagged").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                        .attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())
                .tags(Tag.builder().key("team").value("core").build())).tableDescription().tableArn();
        client.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("env").value("dev").build(),
                Tag.builder().key("team").value("platform").build()));
        assertThat(client.listTagsOfResource(b -> b.resourceArn(arn)).tags()).containsExactly(
                Tag.builder().key("team").value("platform").build(), Tag.builder().key("env").value("dev").build());
        client.untagResource(b -> b.resourceArn(arn).tagKeys("team"));
        assertThat(client.listTagsOfResource(b -> b.resourceArn(arn)).tags())
                .containsExactly(Tag.builder().key("env").value("dev").build());

        client.deleteTable(b -> b.tableName("Tagged"));
        assertThatThrownBy(() -> client.listTagsOfResource(b -> b.resourceArn(arn)))
                .isInstanceOf(ResourceNotFoundException.class);
        Tables.hashTable(client, "Tagged");
        assertThat(client.listTagsOfResource(b -> b.resourceArn(arn)).tags()).isEmpty();
    }

    @Test
    void tagKeysMustNotBeEmpty() {
        Tables.hashTable(client, "TagRules");
        String arn = client.describeTable(b -> b.tableName("TagRules")).table().tableArn();
        assertThatThrownBy(() -> client.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("").value("v").build())))
                .hasMessageStartingWith("The Tag Key provided is invalid, Key: ");
    }

    @Test
    void describeLimitsReportsTheDefaultQuotas() {
        DescribeLimitsResponse limits = client.describeLimits(b -> { });
        assertThat(limits.tableMaxReadCapacityUnits()).isEqualTo(40000L);
        assertThat(limits.accountMaxWriteCapacityUnits()).isEqualTo(80000L);
    }
}
