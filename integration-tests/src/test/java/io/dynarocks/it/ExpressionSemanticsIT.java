package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** How condition and update expressions evaluate, where DynamoDB's results are not obvious. */
class ExpressionSemanticsIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void table() {
        Tables.hashTable(SERVER.client(), "Sem");
    }

    private static AttributeValue s(String v) {
        return AttributeValue.fromS(v);
    }

    private static AttributeValue n(String v) {
        return AttributeValue.fromN(v);
    }

    private static AttributeValue b(int... bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = (byte) bytes[i];
        }
        return AttributeValue.fromB(SdkBytes.fromByteArray(out));
    }

    @Test
    void severalAssignmentsPastTheEndOfAListAppendInIndexOrder() {
        client.putItem(b -> b.tableName("Sem").item(Map.of("pk", s("list"), "c", AttributeValue.fromL(
                List.of(n("1"), n("3"))))));
        Map<String, AttributeValue> after = client.updateItem(b -> b.tableName("Sem").key(Map.of("pk", s("list")))
                .updateExpression("SET c[4] = :x, c[2] = :y, c[0] = :z")
                .expressionAttributeValues(Map.of(":x", s("x"), ":y", s("y"), ":z", s("z")))
                .returnValues(ReturnValue.ALL_NEW)).attributes();
        assertThat(after.get("c").l()).containsExactly(s("z"), n("3"), s("y"), s("x"));
    }

    @Test
    void containsMatchesABinaryAttributeHoldingTheOperandsBytes() {
        client.putItem(b -> b.tableName("Sem").item(Map.of("pk", s("bin"), "b", b(1, 2, 3, 4))));
        for (AttributeValue part : List.of(b(1, 2, 3, 4), b(2, 3), b(4))) {
            assertThat(client.scan(r -> r.tableName("Sem").filterExpression("contains(b, :v)")
                    .expressionAttributeValues(Map.of(":v", part))).count()).isEqualTo(1);
        }
        assertThat(client.scan(r -> r.tableName("Sem").filterExpression("contains(b, :v)")
                .expressionAttributeValues(Map.of(":v", b(3, 2)))).count()).isZero();
    }
}
