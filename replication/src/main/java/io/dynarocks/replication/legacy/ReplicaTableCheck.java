package io.dynarocks.replication.legacy;

import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.StreamSettings;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.replication.Replication;
import io.dynarocks.storage.KeyValueIterator;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * Whether a region's table may become a replica of a version 2017.11.29 global table, as
 * CreateGlobalTable and UpdateGlobalTable require of every replica: it exists in that region, belongs
 * to no global table yet, has a NEW_AND_OLD_IMAGES stream, the same key schema and secondary indexes
 * as the others, and no items. Run in the region that holds the table (the internal action
 * {@value #ACTION} when that is a peer), so its refusal names that region.
 */
final class ReplicaTableCheck {

    static final String ACTION = "CheckReplicaTable";

    /** What the table must look like: its key schema and its secondary indexes' names and keys. */
    record Request(String tableName, String keySchema, String indexes) {

        static Request of(TableDefinition t) {
            return new Request(t.tableName(), t.keySchema().toString(), ReplicaTableCheck.indexes(t));
        }

        static Request decode(byte[] body) {
            var f = new Object() {
                String table;
                String keys;
                String indexes;
            };
            JsonReader.readBody(body, (n, r) -> {
                switch (n) {
                    case "TableName" -> f.table = r.readString();
                    case "KeySchema" -> f.keys = r.readString();
                    case "Indexes" -> f.indexes = r.readString();
                    default -> r.skip();
                }
            });
            if (f.table == null || f.keys == null || f.indexes == null) {
                throw DynamoException.validation("TableName, KeySchema and Indexes are required");
            }
            return new Request(f.table, f.keys, f.indexes);
        }

        byte[] toBytes() {
            return JsonWriter.object(g -> {
                g.writeStringField("TableName", tableName);
                g.writeStringField("KeySchema", keySchema);
                g.writeStringField("Indexes", indexes);
            });
        }
    }

    private ReplicaTableCheck() {}

    /** Checks the table in {@code region}: here, or through that peer. */
    static void check(Replication replication, String region, Request request) {
        if (region.equals(replication.config().region())) {
            check(replication, request);
        } else {
            replication.call(region, ACTION, request.toBytes());
        }
    }

    /** Checks this region's table; throws DynamoDB's refusal. */
    static void check(Replication replication, Request request) {
        String region = replication.config().region();
        String name = request.tableName();
        TableDefinition table = replication.engine().catalog().find(name)
                .orElseThrow(() -> GlobalTableErrors.tableNotFound(name, region));
        if (replication.set(name) != null) {
            throw GlobalTableErrors.globalTableAlreadyExists(name);
        }
        StreamSettings stream = table.stream();
        if (stream == null || !stream.enabled() || !"NEW_AND_OLD_IMAGES".equals(stream.viewType())) {
            throw GlobalTableErrors.invalid("Table: '" + name + "' in region: '" + region + "' must have DynamoDB "
                    + "Streams enabled with StreamViewType NEW_AND_OLD_IMAGES to be part of a global table.");
        }
        if (!table.keySchema().toString().equals(request.keySchema())) {
            throw GlobalTableErrors.invalid("Table: '" + name + "' in region: '" + region + "' must have the same "
                    + "key schema as the other replicas of the global table.");
        }
        if (!indexes(table).equals(request.indexes())) {
            throw GlobalTableErrors.invalid("Table: '" + name + "' in region: '" + region + "' must have the same "
                    + "secondary indexes (names and key schemas) as the other replicas of the global table.");
        }
        try (KeyValueIterator items = replication.engine().storage().iterate(
                ItemKeys.index(table.storageId(), ItemKeys.BASE_TABLE), false, null)) {
            if (items.next()) {
                throw GlobalTableErrors.invalid("Table: '" + name + "' in region: '" + region + "' must be empty "
                        + "to be part of a global table.");
            }
        }
    }

    private static String indexes(TableDefinition t) {
        return t.indexes().stream().sorted(Comparator.comparing(IndexDefinition::indexName))
                .map(i -> (i.global() ? "G:" : "L:") + i.indexName() + "=" + i.keySchema())
                .collect(Collectors.joining(";"));
    }
}
