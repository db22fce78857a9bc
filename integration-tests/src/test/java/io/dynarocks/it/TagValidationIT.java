package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.Tag;

/** TagResource, UntagResource and ListTagsOfResource: ARN and tag checks, and their answers. */
class TagValidationIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();
    private static String arn;

    @BeforeAll
    static void table() {
        Tables.hashTable(SERVER.client(), "TagChecks");
        arn = SERVER.client().describeTable(b -> b.tableName("TagChecks")).table().tableArn();
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    private void rejected(Runnable call, String type, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(DynamoDbException.class, e -> {
            assertThat(e.awsErrorDetails().errorCode()).isEqualTo(type);
            assertThat(e.awsErrorDetails().errorMessage()).isEqualTo(message);
        });
    }

    @Test
    void arnsThatDoNotNameATableAreRejected() {
        for (String bad : List.of("a:b:c:d:e:f/g", arn + "/index/byX", arn.replace("TagChecks", "ab"))) {
            rejected(() -> client.listTagsOfResource(b -> b.resourceArn(bad)), "ValidationException",
                    "Invalid TableArn: Invalid ResourceArn provided as input " + bad);
        }
        String foreign = arn.replace("000000000000", "123456789012");
        rejected(() -> client.tagResource(b -> b.resourceArn(foreign).tags(tag("k", "v"))), "AccessDeniedException",
                "User: arn:aws:iam::000000000000:root is not authorized to perform: dynamodb:TagResource on resource: "
                        + foreign + " because no resource-based policy allows the dynamodb:TagResource action");
        assertThatThrownBy(() -> client.listTagsOfResource(b -> b.resourceArn(arn.replace("TagChecks", "Missing"))))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void tagsMustFollowTheTagRulesAndABadTagRejectsTheWholeRequest() {
        rejected(() -> client.tagResource(b -> b.resourceArn(arn).tags(List.of())), "ValidationException",
                "Atleast one Tag needs to be provided as Input.");
        rejected(() -> client.tagResource(b -> b.resourceArn(arn).tags(tag("ok", "1"), tag("a,b", "1"))),
                "ValidationException", "The Tag Key provided is invalid, Key: a,b");
        rejected(() -> client.tagResource(b -> b.resourceArn(arn).tags(tag("", "1"))), "ValidationException",
                "The Tag Key provided is invalid, Key: ");
        rejected(() -> client.tagResource(b -> b.resourceArn(arn).tags(tag("k".repeat(129), "1"))),
                "ValidationException", "The Tag Key provided is invalid, Key: " + "k".repeat(129));
        rejected(() -> client.tagResource(b -> b.resourceArn(arn).tags(tag("ok", "100%"))), "ValidationException",
                "The Tag Value provided is invalid, Value: 100%");
        rejected(() -> client.tagResource(b -> b.resourceArn(arn).tags(Tag.builder().key("ok").build())),
                "ValidationException", "The Tag Value provided is invalid, Value: null");
        rejected(() -> client.tagResource(b -> b.resourceArn(arn).tags(tag("aws:x", "1"))), "ValidationException",
                "Tag Key cannot be prefixed with aws:, Key: aws:x");
        rejected(() -> client.tagResource(b -> b.resourceArn(arn).tags(tag("dup", "1"), tag("dup", "2"))),
                "ValidationException", "Duplicate Tag Keys provided as input: Duplicate Tag Key found dup");
        assertThat(client.listTagsOfResource(b -> b.resourceArn(arn)).tags()).isEmpty();

        client.tagResource(b -> b.resourceArn(arn).tags(tag("ключ café 表", "a+b-c=d.e_f:g/h@i"), tag("empty", "")));
        assertThat(client.listTagsOfResource(b -> b.resourceArn(arn)).tags()).hasSize(2);
        client.untagResource(b -> b.resourceArn(arn).tagKeys("ключ café 表", "empty"));
    }

    @Test
    void untagNeedsKeysAndAtMostFiftyOfThem() {
        rejected(() -> client.untagResource(b -> b.resourceArn(arn).tagKeys(List.of())), "ValidationException",
                "Atleast one Tag Key needs to be provided as Input.");
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 51; i++) {
            many.add("k" + i);
        }
        rejected(() -> client.untagResource(b -> b.resourceArn(arn).tagKeys(many)), "ValidationException",
                "Number of Tags exceed the current limit for the provided ResourceArn");
    }

    @Test
    void tagAndUntagAnswerAnEmptyBody() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String[] call : List.of(
                new String[] {"TagResource", "{\"ResourceArn\":\"" + arn + "\",\"Tags\":[{\"Key\":\"k\",\"Value\":\"v\"}]}"},
                new String[] {"UntagResource", "{\"ResourceArn\":\"" + arn + "\",\"TagKeys\":[\"k\"]}"})) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(SERVER.endpoint() + "/"))
                    .header("X-Amz-Target", "DynamoDB_20120810." + call[0])
                    .header("Content-Type", "application/x-amz-json-1.0")
                    .POST(HttpRequest.BodyPublishers.ofString(call[1])).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
        }
    }
}
