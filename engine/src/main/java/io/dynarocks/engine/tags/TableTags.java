package io.dynarocks.engine.tags;

import io.dynarocks.engine.Engine;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.Tag;
import io.dynarocks.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The tags of each table, stored under {@code G | tableId(4)} and removed with the table. */
public final class TableTags {

    private static final byte PREFIX = 'G';
    private static final int MAX_TAGS = 50;

    private TableTags() {}

    /** The table an ARN names, or DynamoDB's ResourceNotFoundException. */
    public static TableDefinition table(Engine engine, String arn) {
        int slash = arn.indexOf(":table/");
        String name = slash < 0 ? null : arn.substring(slash + 7);
        TableDefinition t = name == null ? null : engine.catalog().find(name).orElse(null);
        if (t == null || !t.tableArn().equals(arn)) {
            throw DynamoException.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
        }
        return t;
    }

    public static Map<String, String> read(Engine engine, TableDefinition table) {
        byte[] stored = engine.storage().get(key(table));
        Map<String, String> tags = new LinkedHashMap<>();
        if (stored != null) {
            JsonReader.readBody(stored, (name, r) -> tags.put(name, r.readString()));
        }
        return tags;
    }

    /** Stages {@code tags} (all of the table's tags) into {@code batch}, enforcing DynamoDB's 50-tag limit. */
    public static void stage(WriteBatch batch, TableDefinition table, Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw DynamoException.validation("One or more parameter values were invalid: The number of tags "
                    + "exceeds the limit of " + MAX_TAGS);
        }
        batch.put(key(table), JsonWriter.object(g -> {
            for (Map.Entry<String, String> e : tags.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
        }));
    }

    public static void stageRemoval(WriteBatch batch, TableDefinition table) {
        batch.delete(key(table));
    }

    public static List<Tag> list(Map<String, String> tags) {
        List<Tag> out = new ArrayList<>();
        tags.forEach((k, v) -> out.add(new Tag(k, v)));
        return out;
    }

    private static byte[] key(TableDefinition table) {
        return ByteBuffer.allocate(5).put(PREFIX).putInt(table.storageId()).array();
    }
}
