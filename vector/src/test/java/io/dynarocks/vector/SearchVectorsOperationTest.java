package io.dynarocks.vector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SearchVectorsOperationTest {

    private final Engine engine = new Engine(new MemoryStorage(), Clock.systemUTC());
    private final OperationRegistry registry = new OperationRegistry(engine);
    private final VectorSearch vectors = VectorSearch.install(engine, registry);

    @AfterEach
    void close() {
        vectors.close();
        engine.close();
    }

    private void call(String action, String json) {
        registry.handle(OperationRegistry.DYNAMODB + "." + action, json.getBytes(StandardCharsets.UTF_8));
    }

    private void createTable() {
        call("CreateTable", """
                {"TableName":"Things","BillingMode":"PAY_PER_REQUEST",
                 "AttributeDefinitions":[{"AttributeName":"id","AttributeType":"S"}],
                 "KeySchema":[{"AttributeName":"id","KeyType":"HASH"}],
                 "VectorIndexes":[{"IndexName":"idx","VectorAttribute":{"AttributeName":"v"},"Dimensions":2,
                   "DistanceFunction":"EUCLIDEAN","Projection":{"ProjectionType":"ALL"}}]}""");
    }

    private static final String SEARCH = """
            {"TableName":"Things","IndexName":"idx","SearchVector":[{"N":"1"},{"N":"2"}],"TopK":3}""";

    @Test
    void anIndexStillBackfillingCannotBeSearched() {
        createTable();
        call("SearchVectors", SEARCH); // the index is built: nothing will flip it back to ACTIVE below
        TableDefinition t = engine.catalog().require("Things");
        TableDefinition backfilling = t.withVectorIndexes(List.of(t.vectorIndexes().get(0).withStatus("CREATING", true)));
        WriteBatch batch = new WriteBatch();
        engine.catalog().stage(batch, t, backfilling);
        engine.storage().write(batch);
        engine.catalog().published(backfilling);
        assertThatThrownBy(() -> call("SearchVectors", SEARCH)).isInstanceOf(DynamoException.class)
                .hasMessage("Cannot search backfilling vector index: idx");
    }

    @Test
    void aWriteFailingAfterTheHookLeavesNoNodeBehind() {
        createTable();
        // A conditional put that fails never reaches the hook; a put whose item is rejected by the hook
        // (wrong dimensions) writes nothing: in both cases a search finds nothing.
        assertThatThrownBy(() -> call("PutItem", """
                {"TableName":"Things","Item":{"id":{"S":"a"},"v":{"L":[{"N":"1"}]}}}""")).isInstanceOf(DynamoException.class);
        assertThatThrownBy(() -> call("PutItem", """
                {"TableName":"Things","Item":{"id":{"S":"b"},"v":{"L":[{"N":"1"},{"N":"2"}]}},
                 "ConditionExpression":"attribute_exists(id)"}""")).isInstanceOf(DynamoException.class);
        var response = registry.handle(OperationRegistry.DYNAMODB + ".SearchVectors",
                SEARCH.getBytes(StandardCharsets.UTF_8));
        assertThat(((io.dynarocks.protocol.operation.SearchVectorsResponse) response).results()).isEmpty();
    }
}
