package io.dynarocks.bench.jmh;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.partiql.Plan;
import io.dynarocks.engine.partiql.Planner;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.operation.ParameterizedStatement;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.partiql.PartiqlParser;
import io.dynarocks.protocol.partiql.Statement;
import io.dynarocks.storage.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * PartiQL: parsing a typical statement of each kind (uncached) against executing it in memory (ExecuteStatement
 * through the operation registry: request decoding, planning with the parse cache warm, the GetItem, Query,
 * PutItem, UpdateItem or DeleteItem, and the response record), on a table of 1,000 items of about 1 KB:
 * SELECT by key, SELECT of a key range with a filter (a Query reading 3 items), INSERT, UPDATE with SET,
 * REMOVE and a condition, DELETE by key. {@code executeUpdateItem} is the
 * UpdateItem request that does what the UPDATE statement does, and {@code planUpdate} what the statement adds
 * before it (the parse cache lookup, binding and planning), so the overhead of PartiQL over the API it
 * stands for is {@code executeUpdate / executeUpdateItem - 1}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class PartiqlBenchmark {

    static final String SELECT = "SELECT * FROM \"Bench\" WHERE pk = ? AND sk = ?";
    static final String QUERY = "SELECT pk, sk, n, tags FROM \"Bench\" WHERE pk = ? AND sk BETWEEN ? AND 530 "
            + "AND n >= 0";
    static final String UPDATE = "UPDATE \"Bench\" SET n = n + 1, tags = set_add(tags, <<'x'>>) REMOVE gone "
            + "WHERE pk = ? AND sk = ? AND data IS NOT MISSING";
    static final String INSERT = "INSERT INTO \"Bench\" VALUE {'pk': ?, 'sk': ?, 'n': 0, 'tags': <<'a', 'b'>>, "
            + "'data': 'inserted'}";
    static final String DELETE = "DELETE FROM \"Bench\" WHERE pk = ? AND sk = ?";
    private static final String TARGET = OperationRegistry.DYNAMODB + ".ExecuteStatement";

    private Engine engine;
    private OperationRegistry registry;
    private byte[] selectBody;
    private byte[] queryBody;
    private byte[] updateBody;
    private byte[] insertBody;
    private byte[] deleteBody;
    private byte[] putBody;
    private byte[] deleteItemBody;
    private byte[] updateItemBody;
    private Planner planner;
    private ParameterizedStatement update;

    @Setup(Level.Trial)
    public void setUp() {
        engine = new Engine(new MemoryStorage(), Clock.systemUTC());
        registry = new OperationRegistry(engine);
        registry.handle(OperationRegistry.DYNAMODB + ".CreateTable", bytes("{\"TableName\":\"Bench\","
                + "\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
                + "\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],\"KeySchema\":["
                + "{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}"));
        String data = "x".repeat(1000);
        for (int i = 0; i < 1000; i++) {
            registry.handle(OperationRegistry.DYNAMODB + ".PutItem", bytes("{\"TableName\":\"Bench\",\"Item\":{"
                    + "\"pk\":{\"S\":\"p" + (i % 10) + "\"},\"sk\":{\"N\":\"" + i + "\"},\"n\":{\"N\":\"0\"},"
                    + "\"tags\":{\"SS\":[\"a\"]},\"data\":{\"S\":\"" + data + "\"}}}"));
        }
        selectBody = statement(SELECT);
        queryBody = statement(QUERY);
        updateBody = statement(UPDATE);
        insertBody = statement(INSERT, "w", 1);
        deleteBody = statement(DELETE, "w", 1);
        putBody = bytes("{\"TableName\":\"Bench\",\"Item\":{\"pk\":{\"S\":\"w\"},\"sk\":{\"N\":\"1\"},"
                + "\"n\":{\"N\":\"0\"},\"tags\":{\"SS\":[\"a\",\"b\"]},\"data\":{\"S\":\"inserted\"}}}");
        deleteItemBody = bytes("{\"TableName\":\"Bench\",\"Key\":{\"pk\":{\"S\":\"w\"},\"sk\":{\"N\":\"1\"}}}");
        updateItemBody = bytes("{\"TableName\":\"Bench\",\"Key\":{\"pk\":{\"S\":\"p3\"},\"sk\":{\"N\":\"503\"}},"
                + "\"UpdateExpression\":\"SET n = n + :one ADD tags :x REMOVE gone\",\"ConditionExpression\":"
                + "\"attribute_exists(pk) AND attribute_exists(#d)\",\"ExpressionAttributeNames\":{\"#d\":\"data\"},"
                + "\"ExpressionAttributeValues\":{\":one\":{\"N\":\"1\"},\":x\":{\"SS\":[\"x\"]}}}");
        planner = new Planner(engine);
        update = new ParameterizedStatement(UPDATE, List.of(AttributeValue.s("p3"), AttributeValue.n("503")), false,
                false);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    private static byte[] statement(String text) {
        return statement(text, "p3", 503);
    }

    private static byte[] statement(String text, String pk, int sk) {
        return bytes("{\"Statement\":\"" + text.replace("\"", "\\\"") + "\",\"Parameters\":[{\"S\":\"" + pk
                + "\"},{\"N\":\"" + sk + "\"}]}");
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Statement parseSelect() {
        return PartiqlParser.parseUncached(SELECT);
    }

    @Benchmark
    public Statement parseUpdate() {
        return PartiqlParser.parseUncached(UPDATE);
    }

    @Benchmark
    public Statement parseQuery() {
        return PartiqlParser.parseUncached(QUERY);
    }

    @Benchmark
    public Statement parseInsert() {
        return PartiqlParser.parseUncached(INSERT);
    }

    @Benchmark
    public Statement parseDelete() {
        return PartiqlParser.parseUncached(DELETE);
    }

    @Benchmark
    public Response executeSelect() {
        return registry.handle(TARGET, selectBody);
    }

    @Benchmark
    public Response executeUpdate() {
        return registry.handle(TARGET, updateBody);
    }

    @Benchmark
    public Response executeQuery() {
        return registry.handle(TARGET, queryBody);
    }

    /** The INSERT of item (w, 1), removed again before each call (outside the measured time). */
    @Benchmark
    public Response executeInsert(Absent absent) {
        return registry.handle(TARGET, insertBody);
    }

    /** The DELETE of item (w, 1), written again before each call (outside the measured time). */
    @Benchmark
    public Response executeDelete(Present present) {
        return registry.handle(TARGET, deleteBody);
    }

    /** Item (w, 1) absent before each call of the benchmark that takes this state. */
    @State(Scope.Benchmark)
    public static class Absent {
        @Setup(Level.Invocation)
        public void remove(PartiqlBenchmark b) {
            b.registry.handle(OperationRegistry.DYNAMODB + ".DeleteItem", b.deleteItemBody);
        }
    }

    /** Item (w, 1) present before each call of the benchmark that takes this state. */
    @State(Scope.Benchmark)
    public static class Present {
        @Setup(Level.Invocation)
        public void put(PartiqlBenchmark b) {
            b.registry.handle(OperationRegistry.DYNAMODB + ".PutItem", b.putBody);
        }
    }

    @Benchmark
    public Response executeUpdateItem() {
        return registry.handle(OperationRegistry.DYNAMODB + ".UpdateItem", updateItemBody);
    }

    @Benchmark
    public Plan planUpdate() {
        return planner.plan(update, null);
    }
}
