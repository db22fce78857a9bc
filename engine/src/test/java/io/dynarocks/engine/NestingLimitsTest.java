package io.dynarocks.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.protocol.DynamoException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests nested as deep as their size limits allow (4 KB expressions, 8 KB PartiQL statements, 16 MB bodies)
 * are parsed, resolved and evaluated, or refused with a 400, never a stack overflow (a 500). Each request runs
 * on a thread with half the JVM's default stack, so the bounds hold with room to spare on the server's threads.
 */
class NestingLimitsTest {

    private static final long HALF_DEFAULT_STACK = 512 * 1024;

    private final EngineRequests requests = new EngineRequests();

    @BeforeEach
    void table() {
        requests.createHashTable("tab");
        call("PutItem", """
                {"TableName":"tab","Item":{"pk":{"S":"a"},"n":{"N":"5"}}}""");
    }

    @AfterEach
    void close() {
        requests.close();
    }

    @Test
    void twoThousandNestedParenthesesInAnExpressionAreAValidationException() {
        // Doubled parentheses are DynamoDB's "redundant parentheses" however deep; otherwise a nesting error.
        String redundant = "(".repeat(2000) + "n = :v" + ")".repeat(2000);
        assertThatThrownBy(() -> scan(redundant)).isInstanceOf(DynamoException.class)
                .hasMessage("Invalid FilterExpression: The expression has redundant parentheses;")
                .extracting(e -> ((DynamoException) e).type()).isEqualTo("ValidationException");
        String deep = "(n = :v OR ".repeat(301) + "n = :v" + ")".repeat(301);
        assertThat(deep.length()).isLessThan(4096);
        assertThatThrownBy(() -> scan(deep)).isInstanceOf(DynamoException.class)
                .hasMessage("Invalid FilterExpression: The expression has too many nesting levels; nesting levels: 301")
                .extracting(e -> ((DynamoException) e).type()).isEqualTo("ValidationException");
    }

    @Test
    void threeHundredNestedConditionsAreEvaluated() {
        // 300 levels, each with an OR: DynamoDB's 300 operators, and the deepest nesting it accepts.
        String filter = "(n = :w OR ".repeat(299) + "(n = :v)" + ")".repeat(299);
        assertThat(filter.length()).isLessThan(4096);
        assertThat(scan(filter)).contains("\"Count\":1");
    }

    @Test
    void expressionsAsLongAsTheLimitAllowsAreEvaluated() {
        assertThat(scan("NOT ".repeat(300) + "n = :v")).contains("\"Count\":1");
        assertThatThrownBy(() -> scan("NOT ".repeat(1020) + "n = :v")).isInstanceOf(DynamoException.class)
                .hasMessage("Invalid FilterExpression: The expression has too many nesting levels; nesting levels: 301");
        String ands = "n = :v AND ".repeat(370) + "n = :v";
        assertThat(ands.length()).isLessThan(4096);
        assertThat(scan(ands)).contains("\"Count\":1");
        String functions = "size(".repeat(300) + "n" + ")".repeat(300) + " = :v";
        assertThatThrownBy(() -> scan(functions)).isInstanceOf(DynamoException.class)
                .hasMessageContaining("Incorrect operand type for operator or function; operator or function: size");
    }

    @Test
    void nestedFunctionsInAnUpdateExpressionAreBounded() {
        String deep = "SET n = " + "size(".repeat(301) + ":v" + ")".repeat(301);
        assertThatThrownBy(() -> update(deep)).isInstanceOf(DynamoException.class)
                .hasMessageContaining("too many nesting levels");
    }

    @Test
    void partiqlStatementsNestedBeyondTheLimitAreNotWellFormed() {
        String parens = "SELECT * FROM tab WHERE " + "(".repeat(4000) + "pk = 'a'" + ")".repeat(4000);
        String lists = "INSERT INTO tab VALUE {'pk': 'b', 'l': " + "[".repeat(4000) + "]".repeat(4000) + "}";
        String maps = "INSERT INTO tab VALUE {'pk': 'b', 'm': " + "{'a': ".repeat(1000) + "1" + "}".repeat(1000) + "}";
        String nots = "SELECT * FROM tab WHERE pk = 'a' AND " + "NOT ".repeat(2000) + "n = 5";
        for (String statement : new String[] {parens, lists, maps, nots}) {
            assertThatThrownBy(() -> statement(statement)).isInstanceOf(DynamoException.class)
                    .hasMessage("Statement wasn't well formed, can't be processed: Nesting levels have exceeded "
                            + "supported limits: brackets and NOTs may be nested at most 100 levels deep");
        }
        String sums = "UPDATE tab SET n = n" + " + 1".repeat(2000) + " WHERE pk = 'a'";
        String ands = "SELECT * FROM tab WHERE pk = 'a'" + " AND n = 5".repeat(800);
        for (String statement : new String[] {sums, ands}) {
            assertThatThrownBy(() -> statement(statement)).isInstanceOf(DynamoException.class)
                    .hasMessage("Statement wasn't well formed, can't be processed: Too many operators: a statement "
                            + "may have at most 300 AND, OR, + and - operators");
        }
    }

    @Test
    void partiqlStatementsAsLongAsTheLimitAllowsAreAnswered() {
        String nots = "SELECT * FROM tab WHERE pk = 'a' AND " + "NOT ".repeat(100) + "n = 5";
        assertThat(statement(nots)).contains("\"Items\":[{");
        String ands = "SELECT * FROM tab WHERE pk = 'a'" + " AND n = 5".repeat(299);
        assertThat(statement(ands)).contains("\"Items\":[{");
        String ors = "SELECT * FROM tab WHERE pk = 'a' AND (n = 5" + " OR n = 5".repeat(299) + ")";
        assertThat(statement(ors)).contains("\"Items\":[{");
        String sums = "UPDATE tab SET n = n" + " + 1".repeat(300) + " WHERE pk = 'a'";
        statement(sums);
        assertThat(statement("SELECT n FROM tab WHERE pk = 'a'")).contains("\"N\":\"305\"");
        String parens = "SELECT * FROM tab WHERE " + "(".repeat(100) + "pk = 'a'" + ")".repeat(100);
        assertThat(statement(parens)).contains("\"Items\":[{");
    }

    @Test
    void partiqlDocumentsNestAsDeepAsPutItemsMay() {
        // The item is level 1: 31 lists in it reach DynamoDB's 32 levels, a 32nd is refused, as in a PutItem.
        String deepest = "[".repeat(31) + "1" + "]".repeat(31);
        String tooDeep = "[".repeat(32) + "1" + "]".repeat(32);
        statement("INSERT INTO tab VALUE {'pk': 'b', 'l': " + deepest + "}");
        assertThat(statement("SELECT l FROM tab WHERE pk = 'b'")).contains("\"Items\":[{");
        assertThatThrownBy(() -> statement("INSERT INTO tab VALUE {'pk': 'c', 'l': " + tooDeep + "}"))
                .isInstanceOf(DynamoException.class).hasMessageContaining("Nesting Levels have exceeded supported limits");
        assertThatThrownBy(() -> statement("UPDATE tab SET l = " + tooDeep + " WHERE pk = 'a'"))
                .isInstanceOf(DynamoException.class).hasMessageContaining("Nesting Levels have exceeded supported limits");
        String json = "{\"L\":[".repeat(31) + "{\"N\":\"1\"}" + "]}".repeat(31);
        call("PutItem", "{\"TableName\":\"tab\",\"Item\":{\"pk\":{\"S\":\"d\"},\"l\":" + json + "}}");
        String tooDeepJson = "{\"L\":[".repeat(32) + "{\"N\":\"1\"}" + "]}".repeat(32);
        assertThatThrownBy(() -> call("PutItem", "{\"TableName\":\"tab\",\"Item\":{\"pk\":{\"S\":\"e\"},\"l\":"
                + tooDeepJson + "}}")).isInstanceOf(DynamoException.class)
                .hasMessageContaining("Nesting Levels have exceeded supported limits");
    }

    @Test
    void deeplyNestedJsonIsASerializationException() {
        String body = "{\"TableName\":\"tab\",\"Unknown\":" + "[".repeat(100_000) + "]".repeat(100_000)
                + ",\"Item\":{\"pk\":{\"S\":\"c\"}}}";
        assertThatThrownBy(() -> call("PutItem", body)).isInstanceOf(DynamoException.class)
                .extracting(e -> ((DynamoException) e).type()).isEqualTo("SerializationException");
        String item = "{\"TableName\":\"tab\",\"Item\":{\"pk\":{\"S\":\"c\"},\"d\":" + "{\"L\":[".repeat(10_000)
                + "]}".repeat(10_000) + "}}";
        assertThatThrownBy(() -> call("PutItem", item)).isInstanceOf(DynamoException.class)
                .hasMessageContaining("Nesting Levels have exceeded supported limits");
    }

    private String scan(String filter) {
        String w = filter.contains(":w") ? ",\":w\":{\"N\":\"6\"}" : "";
        return call("Scan", "{\"TableName\":\"tab\",\"FilterExpression\":\"" + filter + "\","
                + "\"ExpressionAttributeValues\":{\":v\":{\"N\":\"5\"}" + w + "}}");
    }

    private String update(String expression) {
        return call("UpdateItem", "{\"TableName\":\"tab\",\"Key\":{\"pk\":{\"S\":\"a\"}},\"UpdateExpression\":\""
                + expression + "\",\"ExpressionAttributeValues\":{\":v\":{\"N\":\"5\"}}}");
    }

    private String statement(String statement) {
        return call("ExecuteStatement", "{\"Statement\":\"" + statement + "\"}");
    }

    /** Calls the action on a thread with half the default stack; returns the response body. */
    private String call(String action, String body) {
        AtomicReference<Object> result = new AtomicReference<>();
        Thread t = new Thread(null, () -> {
            try {
                result.set(requests.json(action, body, null));
            } catch (Throwable e) {
                result.set(e);
            }
        }, "nesting", HALF_DEFAULT_STACK);
        t.start();
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        if (result.get() instanceof RuntimeException e) {
            throw e;
        }
        if (result.get() instanceof Throwable e) {
            throw new AssertionError(action + " failed with " + e, e);
        }
        return (String) result.get();
    }
}
