package io.dynarocks.ttl;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.storage.CountingStorage;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;

/** An in-memory engine with the TTL module installed (sweeper not scheduled) and a hand-moved clock. */
final class TtlFixture implements AutoCloseable {

    static final long NOW = 1_700_000_000L;

    final MutableClock clock = new MutableClock(NOW);
    final CountingStorage storage;
    final Engine engine;
    final OperationRegistry registry;
    final TimeToLive ttl;

    TtlFixture() {
        this(new MemoryStorage());
    }

    TtlFixture(Storage backend) {
        storage = new CountingStorage(backend);
        engine = new Engine(storage, clock);
        registry = new OperationRegistry(engine);
        ttl = TimeToLive.install(engine, registry);
    }

    /** Runs a DynamoDB action with a JSON body (single quotes stand for double quotes); returns the response JSON. */
    String call(String action, String json) {
        Response r = registry.handle(OperationRegistry.DYNAMODB + "." + action,
                json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        return new String(JsonWriter.object(r::write), StandardCharsets.UTF_8);
    }

    void createTable(String name) {
        call("CreateTable", "{'TableName':'" + name + "','BillingMode':'PAY_PER_REQUEST',"
                + "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
                + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}]}");
    }

    void enableTtl(String table) {
        call("UpdateTimeToLive", "{'TableName':'" + table + "',"
                + "'TimeToLiveSpecification':{'AttributeName':'expires','Enabled':true}}");
    }

    void putExpiring(String table, String pk, long expires) {
        call("PutItem", "{'TableName':'" + table + "','Item':{'pk':{'S':'" + pk + "'},'expires':{'N':'" + expires
                + "'}}}");
    }

    boolean exists(String table, String pk) {
        return call("GetItem", "{'TableName':'" + table + "','Key':{'pk':{'S':'" + pk + "'}}}").contains("Item");
    }

    int sweep() {
        return ttl.sweeper().sweep();
    }

    @Override
    public void close() {
        engine.close();
    }
}
