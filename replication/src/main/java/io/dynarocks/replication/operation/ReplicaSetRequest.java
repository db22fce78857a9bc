package io.dynarocks.replication.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.replication.ReplicaSet;
import java.nio.charset.StandardCharsets;

/**
 * The internal UpdateReplicaSet request: a table's new replica set, sent by the region where the
 * replicas were changed to every region in the old and new sets. {@code createTable} is the
 * CreateTable request a region runs when it joins the set without the table.
 */
public record ReplicaSetRequest(ReplicaSet set, byte[] createTable) {

    public static ReplicaSetRequest decode(byte[] body) {
        var f = new Object() {
            String table;
            String version;
            java.util.List<String> regions;
            Long created;
            String createTable;
            java.util.Map<String, io.dynarocks.replication.ReplicaSettings> settings = java.util.Map.of();
        };
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "TableName" -> f.table = r.readString();
                case "GlobalTableVersion" -> f.version = r.readString();
                case "Regions" -> f.regions = r.readList(JsonReader::readString);
                case "CreationDateTime" -> f.created = r.readLong();
                case "CreateTable" -> f.createTable = r.readString();
                case "Settings" -> f.settings = r.readMap(io.dynarocks.replication.ReplicaSettings::readJson);
                default -> r.skip();
            }
        });
        if (f.table == null || f.version == null || f.regions == null || f.created == null
                || f.regions.contains(null)) {
            throw DynamoException.validation("TableName, GlobalTableVersion, Regions and CreationDateTime are required");
        }
        return new ReplicaSetRequest(new ReplicaSet(f.table, f.version, f.regions, f.created, f.settings),
                f.createTable == null ? null : f.createTable.getBytes(StandardCharsets.UTF_8));
    }

    public byte[] toBytes() {
        return JsonWriter.object(g -> {
            g.writeStringField("TableName", set.tableName());
            g.writeStringField("GlobalTableVersion", set.version());
            g.writeArrayFieldStart("Regions");
            for (String r : set.regions()) {
                g.writeString(r);
            }
            g.writeEndArray();
            g.writeNumberField("CreationDateTime", set.creationMillis());
            g.writeObjectFieldStart("Settings");
            for (var e : set.settings().entrySet()) {
                g.writeFieldName(e.getKey());
                e.getValue().writeJson(g);
            }
            g.writeEndObject();
            if (createTable != null) {
                g.writeStringField("CreateTable", new String(createTable, StandardCharsets.UTF_8));
            }
        });
    }
}
