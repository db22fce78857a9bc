package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.dynarocks.client.InProcessClients;
import io.dynarocks.junit5.DynaRocksTest;
import io.dynarocks.server.DynaRocks;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

/** In-process clients answer exactly as HTTP clients do, errors included (unlike DynamoDB Local's embedded mode). */
@DynaRocksTest
@Execution(ExecutionMode.CONCURRENT)
class InProcessClientIT {

    /** What a caller can observe of a failed request. */
    record Failure(Class<?> type, int status, String code, String message, Map<String, AttributeValue> item) {
        static Failure of(Throwable t) {
            Throwable e = t instanceof CompletionException ? t.getCause() : t;
            assertThat(e).isInstanceOf(DynamoDbException.class);
            DynamoDbException d = (DynamoDbException) e;
            Map<String, AttributeValue> item = d instanceof ConditionalCheckFailedException c ? c.item() : null;
            return new Failure(d.getClass(), d.statusCode(), d.awsErrorDetails().errorCode(),
                    d.awsErrorDetails().errorMessage(), item);
        }
    }

    static DynamoDbClient inProcess;
    static DynamoDbAsyncClient inProcessAsync;

    @BeforeAll
    static void createClientsAndTable(DynaRocks db, DynamoDbClient http) {
        inProcess = InProcessClients.client(db);
        inProcessAsync = InProcessClients.asyncClient(db);
        Tables.hashTable(http, "Errors");
        http.putItem(b -> b.tableName("Errors").item(Map.of("pk", AttributeValue.fromS("taken"),
                "v", AttributeValue.fromN("1"))));
    }

    @AfterAll
    static void closeClients() {
        inProcess.close();
        inProcessAsync.close();
    }

    @Test
    void inProcessClientReadsWhatHttpWrote(DynamoDbClient http) {
        http.putItem(b -> b.tableName("Errors").item(Map.of("pk", AttributeValue.fromS("read"))));

        assertThat(inProcess.getItem(b -> b.tableName("Errors").key(Map.of("pk", AttributeValue.fromS("read"))))
                .item()).containsEntry("pk", AttributeValue.fromS("read"));
    }

    @Test
    void missingTableFailsIdentically(DynamoDbClient http) {
        assertSameFailure(http, c -> c.describeTable(b -> b.tableName("Missing")));
    }

    @Test
    void itemWithoutItsKeyFailsIdentically(DynamoDbClient http) {
        assertSameFailure(http, c -> c.putItem(b -> b.tableName("Errors")
                .item(Map.of("other", AttributeValue.fromS("x")))));
    }

    @Test
    void badExpressionSyntaxFailsIdentically(DynamoDbClient http) {
        assertSameFailure(http, c -> c.updateItem(b -> b.tableName("Errors")
                .key(Map.of("pk", AttributeValue.fromS("taken")))
                .updateExpression("SET = 1")));
    }

    @Test
    void failedConditionReturnsTheSameOldItem(DynamoDbClient http) {
        Failure failure = assertSameFailure(http, c -> c.putItem(b -> b.tableName("Errors")
                .item(Map.of("pk", AttributeValue.fromS("taken")))
                .conditionExpression("attribute_not_exists(pk)")
                .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)));

        assertThat(failure.type()).isEqualTo(ConditionalCheckFailedException.class);
        assertThat(failure.item()).containsEntry("v", AttributeValue.fromN("1"));
    }

    @Test
    void asyncInProcessClientFailsLikeHttp(DynamoDbClient http) {
        Failure overHttp = Failure.of(catchThrowable(() -> http.describeTable(b -> b.tableName("Missing"))));

        Failure async = Failure.of(catchThrowable(() -> inProcessAsync.describeTable(b -> b.tableName("Missing"))
                .join()));

        assertThat(async).isEqualTo(overHttp);
    }

    private static Failure assertSameFailure(DynamoDbClient http, Consumer<DynamoDbClient> call) {
        Failure overHttp = Failure.of(catchThrowable(() -> call.accept(http)));
        Failure inProcessFailure = Failure.of(catchThrowable(() -> call.accept(inProcess)));
        assertThat(inProcessFailure).isEqualTo(overHttp);
        assertThat(overHttp.status()).isEqualTo(400);
        return overHttp;
    }
}
