package io.dynarocks.replication.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.AttributeValueJson;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.replication.ItemVersion;
import io.dynarocks.replication.ReplicatedChange;
import io.dynarocks.protocol.AttributeValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The internal ApplyReplicatedChanges request: item states of one table shipped by a peer region. */
public record ApplyChangesRequest(String tableName, String sourceRegion, List<ReplicatedChange> changes) {

    public static ApplyChangesRequest decode(byte[] body) {
        var f = new Object() {
            String table;
            String source;
            List<ReplicatedChange> changes;
        };
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "TableName" -> f.table = r.readString();
                case "SourceRegion" -> f.source = r.readString();
                case "Changes" -> f.changes = r.readList(ApplyChangesRequest::readChange);
                default -> r.skip();
            }
        });
        if (f.table == null || f.source == null || f.changes == null) {
            throw DynamoException.validation("TableName, SourceRegion and Changes are required");
        }
        return new ApplyChangesRequest(f.table, f.source, f.changes);
    }

    private static ReplicatedChange readChange(JsonReader r) throws IOException {
        var f = new Object() {
            Map<String, AttributeValue> keys;
            Map<String, AttributeValue> item;
            Long timestamp;
            String region;
            Boolean deleted;
            Boolean serviceDelete;
        };
        r.readObject((name, in) -> {
            switch (name) {
                case "Keys" -> f.keys = AttributeValueJson.readItem(in);
                case "Item" -> f.item = AttributeValueJson.readItem(in);
                case "Timestamp" -> f.timestamp = in.readLong();
                case "Region" -> f.region = in.readString();
                case "Deleted" -> f.deleted = in.readBoolean();
                case "ServiceDelete" -> f.serviceDelete = in.readBoolean();
                default -> in.skip();
            }
        });
        boolean deleted = Boolean.TRUE.equals(f.deleted);
        if (f.keys == null || f.timestamp == null || f.region == null || (!deleted && f.item == null)) {
            throw DynamoException.validation("A change needs Keys, Timestamp, Region and Item unless Deleted");
        }
        return new ReplicatedChange(f.keys, deleted ? null : f.item,
                new ItemVersion(f.timestamp, f.region, deleted, deleted && Boolean.TRUE.equals(f.serviceDelete)));
    }

    /** The request body. */
    public byte[] toBytes() {
        return JsonWriter.object(g -> {
            g.writeStringField("TableName", tableName);
            g.writeStringField("SourceRegion", sourceRegion);
            g.writeArrayFieldStart("Changes");
            for (ReplicatedChange c : changes) {
                write(g, c);
            }
            g.writeEndArray();
        });
    }

    private static void write(JsonGenerator g, ReplicatedChange c) throws IOException {
        g.writeStartObject();
        g.writeFieldName("Keys");
        AttributeValueJson.writeItem(g, c.keys());
        if (c.item() != null) {
            g.writeFieldName("Item");
            AttributeValueJson.writeItem(g, c.item());
        }
        g.writeNumberField("Timestamp", c.version().timestamp());
        g.writeStringField("Region", c.version().region());
        g.writeBooleanField("Deleted", c.version().deleted());
        g.writeBooleanField("ServiceDelete", c.version().serviceDelete());
        g.writeEndObject();
    }
}
