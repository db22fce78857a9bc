package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.IndexProjection;
import io.dynarocks.protocol.model.KeySchemaElement;
import io.dynarocks.protocol.model.OnDemandThroughput;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import java.io.IOException;
import java.util.List;

/**
 * A secondary index as a request declares it (CreateTable, or UpdateTable's Create action); {@code onDemandThroughput}
 * (global indexes of on-demand tables) is null without maximums.
 */
public record SecondaryIndexSpec(String indexName, List<KeySchemaElement> keySchema, IndexProjection projection,
        ProvisionedThroughput provisionedThroughput, OnDemandThroughput onDemandThroughput) {

    public static SecondaryIndexSpec read(JsonReader r) throws IOException {
        var f = new Object() {
            String name;
            List<KeySchemaElement> keys;
            IndexProjection projection;
            ProvisionedThroughput throughput;
            OnDemandThroughput onDemand;
        };
        r.readObject((n, v) -> {
            switch (n) {
                case "IndexName" -> f.name = v.readString();
                case "KeySchema" -> f.keys = Members.keySchema(v);
                case "Projection" -> f.projection = TableDefinitionJson.projection(v);
                case "ProvisionedThroughput" -> f.throughput = Members.throughput(v);
                case "OnDemandThroughput" -> f.onDemand = OnDemandThroughput.read(v);
                default -> v.skip();
            }
        });
        return new SecondaryIndexSpec(f.name, f.keys, f.projection, f.throughput,
                f.onDemand == null || f.onDemand.isEmpty() ? null : f.onDemand);
    }
}
