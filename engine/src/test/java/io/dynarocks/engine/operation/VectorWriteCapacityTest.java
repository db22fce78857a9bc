package io.dynarocks.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VectorWriteCapacityTest {

    private Engine engine;
    private TableDefinition table;

    @BeforeEach
    void table() {
        engine = new Engine(new MemoryStorage(), Clock.systemUTC());
        new OperationRegistry(engine).handle(OperationRegistry.DYNAMODB + ".CreateTable", ("{\"TableName\":\"Vec\","
                + "\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
                + "\"AttributeType\":\"S\"}],\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"}],"
                + "\"VectorIndexes\":[{\"IndexName\":\"all\",\"VectorAttribute\":{\"AttributeName\":\"v\"},"
                + "\"Dimensions\":2,\"DistanceFunction\":\"COSINE\",\"Projection\":{\"ProjectionType\":\"ALL\"}},"
                + "{\"IndexName\":\"keys\",\"VectorAttribute\":{\"AttributeName\":\"v\"},\"Dimensions\":2,"
                + "\"DistanceFunction\":\"EUCLIDEAN\",\"Projection\":{\"ProjectionType\":\"KEYS_ONLY\"}}]}")
                .getBytes(StandardCharsets.UTF_8));
        table = engine.catalog().require("Vec");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private static Map<String, AttributeValue> item(String pk, String x, String note) {
        return Map.of("pk", AttributeValue.s(pk), "v", new AttributeValue.L(List.of(AttributeValue.n(x),
                AttributeValue.n("1"))), "note", AttributeValue.s(note));
    }

    @Test
    void aWriteAddingAVectorChargesEveryVectorIndexAtLeastOneKilobyte() {
        assertThat(WriteCapacity.vectorWrites(table, null, item("a", "0", "n")))
                .isEqualTo(Map.of("all", 1024.0, "keys", 1024.0));
        assertThat(WriteCapacity.vectorWrites(table, item("a", "0", "n"), null))
                .as("removing the item removes its entries").isEqualTo(Map.of("all", 1024.0, "keys", 1024.0));
    }

    @Test
    void largeEntriesAreChargedTheirSize() {
        String note = "x".repeat(5000);
        Map<String, Double> charged = WriteCapacity.vectorWrites(table, null, item("a", "0", note));
        assertThat(charged.get("all")).isGreaterThan(5000.0);
        assertThat(charged.get("keys")).as("KEYS_ONLY replicates key and vector only").isEqualTo(1024.0);
    }

    @Test
    void writesLeavingAnIndexEntryAsItWasReplicateNothing() {
        assertThat(WriteCapacity.vectorWrites(table, item("a", "0", "n"), item("a", "0", "n"))).isEmpty();
        assertThat(WriteCapacity.vectorWrites(table, null, Map.of("pk", AttributeValue.s("a")))).isEmpty();
        assertThat(WriteCapacity.vectorWrites(table, item("a", "0", "n"), item("a", "0", "changed")))
                .as("a KEYS_ONLY index does not hold the changed attribute").isEqualTo(Map.of("all", 1024.0));
    }
}
