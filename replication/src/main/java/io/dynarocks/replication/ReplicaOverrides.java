package io.dynarocks.replication;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.UpdateTableRequest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Applies this region's replica settings to its own table: a read capacity override becomes the
 * table's (and an index's) provisioned read capacity here, through the engine's UpdateTable, so that
 * DescribeTable in this region and throughput limits see it; its customer managed KMS key becomes its
 * table's. On-demand read maximums and the table class are reported from the replica set (the engine
 * models neither). They are this replica's own: {@code updateTable} is the engine's, which changes this region's
 * table alone.
 */
final class ReplicaOverrides {

    private ReplicaOverrides() {}

    static void apply(Engine engine, Operation<UpdateTableRequest> updateTable, String tableName,
            ReplicaSettings own) {
        TableDefinition t = engine.catalog().find(tableName).orElse(null);
        if (t == null || own.equals(ReplicaSettings.NONE)) {
            return;
        }
        if (own.kmsMasterKeyArn() != null && !own.kmsMasterKeyArn().equals(t.kmsMasterKeyArn())) {
            updateTable.execute(UpdateTableRequest.decode(JsonWriter.object(g -> {
                g.writeStringField("TableName", tableName);
                g.writeObjectFieldStart("SSESpecification");
                g.writeBooleanField("Enabled", true);
                g.writeStringField("SSEType", "KMS");
                g.writeStringField("KMSMasterKeyId", own.kmsMasterKeyArn());
                g.writeEndObject();
            })));
            t = engine.catalog().require(tableName);
        }
        if (t.payPerRequest()) {
            return;
        }
        ProvisionedThroughput current = t.provisionedThroughput();
        Long read = own.readCapacityUnits();
        boolean table = read != null && !read.equals(current.readCapacityUnits());
        List<IndexDefinition> indexes = new ArrayList<>();
        for (IndexDefinition i : t.indexes()) {
            ReplicaSettings.IndexSettings s = own.indexes().get(i.indexName());
            if (i.global() && s != null && s.readCapacityUnits() != null && i.provisionedThroughput() != null
                    && !Objects.equals(s.readCapacityUnits(), i.provisionedThroughput().readCapacityUnits())) {
                indexes.add(i);
            }
        }
        if (!table && indexes.isEmpty()) {
            return;
        }
        updateTable.execute(UpdateTableRequest.decode(JsonWriter.object(g -> {
            g.writeStringField("TableName", tableName);
            if (table) {
                throughput(g, read, current.writeCapacityUnits());
            }
            if (!indexes.isEmpty()) {
                g.writeArrayFieldStart("GlobalSecondaryIndexUpdates");
                for (IndexDefinition i : indexes) {
                    g.writeStartObject();
                    g.writeObjectFieldStart("Update");
                    g.writeStringField("IndexName", i.indexName());
                    throughput(g, own.indexes().get(i.indexName()).readCapacityUnits(),
                            i.provisionedThroughput().writeCapacityUnits());
                    g.writeEndObject();
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
        })));
    }

    private static void throughput(JsonGenerator g, Long read, Long write) throws IOException {
        g.writeObjectFieldStart("ProvisionedThroughput");
        g.writeNumberField("ReadCapacityUnits", read);
        g.writeNumberField("WriteCapacityUnits", write);
        g.writeEndObject();
    }
}
