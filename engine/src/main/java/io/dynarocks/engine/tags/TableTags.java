package io.dynarocks.engine.tags;

import io.dynarocks.engine.Engine;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.TableArn;
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

    /**
     * The table an ARN names. A string that is not a table ARN (an index or stream ARN included) is DynamoDB's
     * ValidationException, another account's table is AccessDeniedException, an unknown table
     * ResourceNotFoundException.
     *
     * @param action the calling action, as DynamoDB names it in AccessDeniedException
     */
    public static TableDefinition table(Engine engine, String arn, String action) {
        TableArn parsed = TableArn.parse(arn).orElseThrow(() ->
                DynamoException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn));
        if (!parsed.accountId().equals(engine.accountId())) {
            throw new DynamoException("AccessDeniedException", "User: arn:aws:iam::" + engine.accountId() + ":root is not "
                    + "authorized to perform: dynamodb:" + action + " on resource: " + arn + " because no "
                    + "resource-based policy allows the dynamodb:" + action + " action", 400);
        }
        TableDefinition t = engine.catalog().find(parsed.tableName()).orElse(null);
        if (t == null || !t.tableArn().equals(arn)) {
            throw DynamoException.resourceNotFound("Requested resource not found: ResourcArn: " + arn + " not found");
        }
        return t;
    }

    /** The table name in a table ARN, or null when {@code arn} is not one. */
    static String tableName(String arn) {
        return TableArn.parse(arn).map(TableArn::tableName).orElse(null);
    }

    public static Map<String, String> read(Engine engine, TableDefinition table) {
        return parse(stored(engine, table));
    }

    /** The stored form of the table's tags, or null when it has none. */
    static byte[] stored(Engine engine, TableDefinition table) {
        return engine.storage().get(key(table));
    }

    static Map<String, String> parse(byte[] stored) {
        Map<String, String> tags = new LinkedHashMap<>();
        if (stored != null) {
            JsonReader.readBody(stored, (name, r) -> tags.put(name, r.readString()));
        }
        return tags;
    }

    /** Stages {@code tags} (all of the table's tags) into {@code batch}, enforcing DynamoDB's 50-tag limit. */
    public static void stage(WriteBatch batch, TableDefinition table, Map<String, String> tags) {
        if (tags.size() > MAX_TAGS) {
            throw DynamoException.validation("Number of Tags exceed the current limit for the provided ResourceArn");
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

    static byte[] key(TableDefinition table) {
        return ByteBuffer.allocate(5).put(PREFIX).putInt(table.storageId()).array();
    }
}
