package io.dynarocks.bench.jmh;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.catalog.TransientDelays;
import io.dynarocks.engine.limits.LimitsConfig;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.storage.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What {@code --limits} costs a GetItem and a PutItem of a 1 KB item in memory, through the operation registry
 * (request decoding, the operation, the response record): {@code off} is the default server, {@code on} enforces
 * the limits with quotas raised so that nothing is ever throttled, so the difference is the admission and
 * charging of capacity alone.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LimitsBenchmark {

    private static final long UNLIMITED = 1L << 40;
    private static final long TABLE_UNITS = 1_000_000_000L;

    @Param({"off", "on"})
    public String limits;

    private Engine engine;
    private OperationRegistry registry;
    private byte[] getBody;
    private byte[] putBody;

    @Setup(Level.Trial)
    public void setUp() {
        LimitsConfig config = "on".equals(limits) ? LimitsConfig.aws().with("account-read", UNLIMITED)
                .with("account-write", UNLIMITED).with("table-read", UNLIMITED).with("table-write", UNLIMITED)
                .with("partition-read", UNLIMITED).with("partition-write", UNLIMITED) : LimitsConfig.off();
        engine = new Engine(new MemoryStorage(), Clock.systemUTC(), config, TransientDelays.NONE);
        registry = new OperationRegistry(engine);
        registry.handle(OperationRegistry.DYNAMODB + ".CreateTable", bytes("{\"TableName\":\"Bench\","
                + "\"ProvisionedThroughput\":{\"ReadCapacityUnits\":" + TABLE_UNITS + ",\"WriteCapacityUnits\":"
                + TABLE_UNITS + "},\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}"));
        String item = "{\"TableName\":\"Bench\",\"Item\":{\"pk\":{\"S\":\"p1\"},\"data\":{\"S\":\""
                + "x".repeat(1000) + "\"}}}";
        putBody = bytes(item);
        registry.handle(OperationRegistry.DYNAMODB + ".PutItem", putBody);
        getBody = bytes("{\"TableName\":\"Bench\",\"Key\":{\"pk\":{\"S\":\"p1\"}}}");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
    }

    private static byte[] bytes(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public Response getItem() {
        return registry.handle(OperationRegistry.DYNAMODB + ".GetItem", getBody);
    }

    @Benchmark
    public Response putItem() {
        return registry.handle(OperationRegistry.DYNAMODB + ".PutItem", putBody);
    }
}
