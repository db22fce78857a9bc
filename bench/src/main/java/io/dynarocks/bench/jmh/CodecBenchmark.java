package io.dynarocks.bench.jmh;

import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.operation.GetItemRequest;
import io.dynarocks.protocol.operation.ItemResponse;
import io.dynarocks.protocol.operation.ItemsResponse;
import io.dynarocks.protocol.operation.PutItemRequest;
import io.dynarocks.protocol.operation.QueryRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Wire decoding of PutItem/GetItem/Query requests, GetItem and Query response encoding, and the
 * stored item codec. The Query shapes are the load generator's: one partition of 10 items of 1 KB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CodecBenchmark {

    static final String PAYLOAD = "x".repeat(1000);

    private final byte[] putBody = ("{\"TableName\":\"bench\",\"Item\":{\"pk\":{\"S\":\"p123\"},\"sk\":{\"S\":\"s4\"},"
            + "\"n\":{\"N\":\"0\"},\"data\":{\"S\":\"" + PAYLOAD + "\"}}}").getBytes(StandardCharsets.UTF_8);
    private final byte[] getBody = "{\"TableName\":\"bench\",\"Key\":{\"pk\":{\"S\":\"p123\"},\"sk\":{\"S\":\"s4\"}}}"
            .getBytes(StandardCharsets.UTF_8);
    private final Map<String, AttributeValue> item = item();
    private final ItemResponse getResponse = new ItemResponse("Item", item, null);
    private final byte[] stored = ItemCodec.encode(item);
    private final byte[] queryBody = ("{\"TableName\":\"bench\",\"KeyConditionExpression\":\"#pk = :pk AND "
            + "begins_with(#sk, :prefix)\",\"ExpressionAttributeNames\":{\"#pk\":\"pk\",\"#sk\":\"sk\"},"
            + "\"ExpressionAttributeValues\":{\":pk\":{\"S\":\"p123\"},\":prefix\":{\"S\":\"s\"}},"
            + "\"Limit\":10,\"ScanIndexForward\":false}").getBytes(StandardCharsets.UTF_8);
    private final ItemsResponse queryResponse = queryResponse();

    static Map<String, AttributeValue> item() {
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        item.put("pk", new AttributeValue.S("p123"));
        item.put("sk", new AttributeValue.S("s4"));
        item.put("n", AttributeValue.N.of("0"));
        item.put("data", new AttributeValue.S(PAYLOAD));
        return item;
    }

    static ItemsResponse queryResponse() {
        List<Map<String, AttributeValue>> items = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, AttributeValue> item = item();
            item.put("sk", new AttributeValue.S("s" + i));
            items.add(item);
        }
        return new ItemsResponse(items, items.size(), items.size(), null, null);
    }

    @Benchmark
    public PutItemRequest decodePutItem() {
        return PutItemRequest.decode(putBody);
    }

    @Benchmark
    public GetItemRequest decodeGetItem() {
        return GetItemRequest.decode(getBody);
    }

    @Benchmark
    public byte[] encodeGetItemResponse() {
        return JsonWriter.object(getResponse::write);
    }

    @Benchmark
    public QueryRequest decodeQuery() {
        return QueryRequest.decode(queryBody);
    }

    @Benchmark
    public byte[] encodeQueryResponse() {
        return JsonWriter.object(queryResponse::write);
    }

    @Benchmark
    public byte[] encodeStoredItem() {
        return ItemCodec.encode(item);
    }

    @Benchmark
    public Map<String, AttributeValue> decodeStoredItem() {
        return ItemCodec.decode(stored);
    }
}
