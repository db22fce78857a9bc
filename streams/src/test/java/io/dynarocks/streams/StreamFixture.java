package io.dynarocks.streams;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.storage.Storage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** An engine with streams installed on a given storage, driven through the registry, with a hand-moved clock. */
final class StreamFixture implements AutoCloseable {

    /** A clock tests move by hand. */
    static final class TestClock extends Clock {
        private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** A record and the shard it was read from. */
    record Located(Shard shard, StreamRecord record) {}

    final Storage storage;
    final Engine engine;
    final OperationRegistry registry;
    final Streams streams;

    StreamFixture(Storage storage, TestClock clock, Duration rolloverPeriod) {
        this.storage = storage;
        this.engine = new Engine(storage, clock);
        this.registry = new OperationRegistry(engine);
        this.streams = Streams.install(engine, registry, rolloverPeriod);
    }

    /** Runs an action ({@code DynamoDB_20120810.PutItem}, …) with a JSON body; single quotes stand for double quotes. */
    String call(String target, String json) {
        Response r = registry.handle(target, json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
        return new String(JsonWriter.object(r::write), StandardCharsets.UTF_8);
    }

    String db(String action, String json) {
        return call(OperationRegistry.DYNAMODB + "." + action, json);
    }

    void createStreamTable(String name) {
        db("CreateTable", "{'TableName':'" + name + "','BillingMode':'PAY_PER_REQUEST',"
                + "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
                + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],"
                + "'StreamSpecification':{'StreamEnabled':true,'StreamViewType':'NEW_IMAGE'}}");
    }

    void put(String table, String pk, int v) {
        db("PutItem", "{'TableName':'" + table + "','Item':{'pk':{'S':'" + pk + "'},'v':{'N':'" + v + "'}}}");
    }

    StreamStore store() {
        return streams.store();
    }

    /** The table's only stream, readable or not. */
    StreamDescriptor stream() {
        return store().storedStreams().get(0);
    }

    /** Every readable record of the stream, from each shard's trim horizon. */
    List<Located> records() {
        List<Located> out = new ArrayList<>();
        StreamDescriptor d = store().find(stream().arn());
        for (Shard s : store().shards(d)) {
            for (StreamRecord r : store().read(s, store().trimHorizon(s), 1000).records()) {
                out.add(new Located(s, r));
            }
        }
        return out;
    }

    /** Stored record keys of the stream, deleted or not by the trimmer but regardless of visibility. */
    int storedRecordCount() {
        int n = 0;
        try (var it = storage.iterate(StreamKeys.records(stream()), false, null)) {
            while (it.next()) {
                n++;
            }
        }
        return n;
    }

    @Override
    public void close() {
        streams.close();
        engine.close();
    }
}
