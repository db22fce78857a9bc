package io.dynarocks.engine;

import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.storage.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/** An in-memory engine and its operation registry, for tests that send it DynamoDB requests as JSON. */
public final class EngineRequests implements AutoCloseable {

    private final Engine engine = new Engine(new MemoryStorage(), Clock.systemUTC());
    private final OperationRegistry registry = new OperationRegistry(engine);

    public Engine engine() {
        return engine;
    }

    /** Executes DynamoDB action {@code action} with request body {@code json}. */
    public Response call(String action, String json) {
        return call(action, json, null);
    }

    /** As {@link #call(String, String)}, once {@code guard} (null: none) admitted the decoded request. */
    public Response call(String action, String json, RequestGuard guard) {
        return call(action, json.getBytes(StandardCharsets.UTF_8), guard);
    }

    /** Executes {@code action} with a body of any bytes, once {@code guard} (null: none) admitted it. */
    public Response call(String action, byte[] body, RequestGuard guard) {
        return registry.handle(OperationRegistry.DYNAMODB + "." + action, body, null, guard);
    }

    /** The response to {@code action} as the JSON the server would send. */
    public String json(String action, String json, RequestGuard guard) {
        return new String(JsonWriter.object(call(action, json, guard)::write), StandardCharsets.UTF_8);
    }

    /** Creates on-demand table {@code name} whose key is the string attribute {@code pk}. */
    public void createHashTable(String name) {
        call("CreateTable", "{\"TableName\":\"" + name + "\",\"BillingMode\":\"PAY_PER_REQUEST\","
                + "\"AttributeDefinitions\":[{\"AttributeName\":\"pk\",\"AttributeType\":\"S\"}],"
                + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}]}");
    }

    @Override
    public void close() {
        engine.close();
    }
}
