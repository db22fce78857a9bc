package io.dynarocks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.protocol.DynamoException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TableArnNamesTest {

    private static final String ARN = "arn:aws:dynamodb:us-east-1:111122223333:table/orders";

    @Test
    void tableNameArnBecomesThePlainNameButTheSameTextInAnItemStays() {
        TableArnNames n = TableArnNames.of(bytes("{\"Item\":{\"ref\":{\"S\":\"" + ARN + "\"}},\"TableName\":\"" + ARN
                + "\"}"), "444455556666").orElseThrow();
        assertThat(n.accountId()).isEqualTo("111122223333");
        assertThat(text(n.body())).isEqualTo("{\"Item\":{\"ref\":{\"S\":\"" + ARN + "\"}},\"TableName\":\"orders\"}");
    }

    @Test
    void batchKeysAndTransactItemsAreNamedAndTheResponseNamesThemBack() {
        TableArnNames batch = TableArnNames.of(bytes("{\"RequestItems\":{\"" + ARN + "\":{\"Keys\":[]}}}"),
                "444455556666").orElseThrow();
        assertThat(text(batch.body())).isEqualTo("{\"RequestItems\":{\"orders\":{\"Keys\":[]}}}");
        assertThat(text(batch.responseNamed(bytes("{\"Responses\":{\"orders\":[]},\"UnprocessedItems\":{\"orders\":"
                + "[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"orders\"}}}}]},\"ConsumedCapacity\":[{\"TableName\":"
                + "\"orders\",\"CapacityUnits\":0.5}]}")))).isEqualTo("{\"Responses\":{\"" + ARN + "\":[]},"
                + "\"UnprocessedItems\":{\"" + ARN + "\":[{\"PutRequest\":{\"Item\":{\"pk\":{\"S\":\"orders\"}}}}]},"
                + "\"ConsumedCapacity\":[{\"TableName\":\"" + ARN + "\",\"CapacityUnits\":0.5}]}");
        TableArnNames transaction = TableArnNames.of(bytes("{\"TransactItems\":[{\"Put\":{\"Item\":{},\"TableName\":\""
                + ARN + "\"}},{\"Delete\":{\"TableName\":\"" + ARN + "\"}}]}"), "444455556666").orElseThrow();
        assertThat(text(transaction.body())).isEqualTo("{\"TransactItems\":[{\"Put\":{\"Item\":{},\"TableName\":"
                + "\"orders\"}},{\"Delete\":{\"TableName\":\"orders\"}}]}");
    }

    @Test
    void tablesOfTwoAccountsInOneRequestAreRefused() {
        assertThatThrownBy(() -> TableArnNames.of(bytes("{\"TransactItems\":[{\"Put\":{\"TableName\":\"mine\"}},"
                + "{\"Put\":{\"TableName\":\"" + ARN + "\"}}]}"), "444455556666"))
                .isInstanceOfSatisfying(DynamoException.class, e -> assertThat(e.type()).isEqualTo("ValidationException"));
        // Plain names stand for the caller's own tables: with its own account's ARN, one account is named.
        assertThat(TableArnNames.of(bytes("{\"RequestItems\":{\"mine\":{},\"" + ARN + "\":{}}}"), "111122223333"))
                .isPresent();
    }

    @Test
    void requestsWithoutTableArnsAreLeftAlone() {
        assertThat(TableArnNames.of(bytes("{\"TableName\":\"orders\"}"), "111122223333")).isEmpty();
        assertThat(TableArnNames.of(bytes("{\"TableName\":\"arn:aws:dynamodb:us-east-1:1:table/x\"}"), "1")).isEmpty();
        assertThat(TableArnNames.of(bytes("not json \"arn:aws:dynamodb:"), "111122223333")).isEmpty();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}
