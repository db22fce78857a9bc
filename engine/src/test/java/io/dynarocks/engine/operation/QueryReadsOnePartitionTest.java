package io.dynarocks.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoNumber;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ItemsResponse;
import io.dynarocks.storage.CountingStorage;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.memory.MemoryStorage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueryReadsOnePartitionTest {

    private static final int PARTITIONS = 10_000;
    private static final int ITEMS_PER_PARTITION = 100;

    @Test
    void queryOnOnePartitionOfAMillionItemTableReadsOnlyThatPartition() {
        CountingStorage storage = new CountingStorage(new MemoryStorage());
        try (Engine engine = new Engine(storage, Clock.systemUTC())) {
            OperationRegistry registry = new OperationRegistry(engine);
            registry.handle(OperationRegistry.DYNAMODB + ".CreateTable", json("{\"TableName\":\"Big\","
                    + "\"BillingMode\":\"PAY_PER_REQUEST\",\"AttributeDefinitions\":[{\"AttributeName\":\"pk\","
                    + "\"AttributeType\":\"S\"},{\"AttributeName\":\"sk\",\"AttributeType\":\"N\"}],"
                    + "\"KeySchema\":[{\"AttributeName\":\"pk\",\"KeyType\":\"HASH\"},"
                    + "{\"AttributeName\":\"sk\",\"KeyType\":\"RANGE\"}]}"));
            TableDefinition table = engine.catalog().require("Big");
            // A million items written straight to storage: PutItem's per-item work would only slow the test.
            for (int p = 0; p < PARTITIONS; p++) {
                WriteBatch batch = new WriteBatch();
                for (int s = 0; s < ITEMS_PER_PARTITION; s++) {
                    Map<String, AttributeValue> item = new LinkedHashMap<>();
                    item.put("pk", new AttributeValue.S("p" + p));
                    item.put("sk", new AttributeValue.N(DynamoNumber.parse(Integer.toString(s))));
                    batch.put(ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE,
                            new PrimaryKey(item.get("pk"), item.get("sk"))), ItemCodec.encode(item));
                }
                storage.write(batch);
            }
            storage.reset();
            ItemsResponse response = (ItemsResponse) registry.handle(OperationRegistry.DYNAMODB + ".Query",
                    json("{\"TableName\":\"Big\",\"KeyConditionExpression\":\"pk = :p\","
                            + "\"ExpressionAttributeValues\":{\":p\":{\"S\":\"p4242\"}}}"));
            assertThat(response.count()).isEqualTo(ITEMS_PER_PARTITION);
            assertThat(response.lastEvaluatedKey()).isNull();
            assertThat(storage.reads()).isEqualTo(ITEMS_PER_PARTITION);
            byte[] encoded = JsonWriter.object(response::write);
            assertThat(new String(encoded, StandardCharsets.UTF_8)).contains("\"Count\":100");
        }
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
