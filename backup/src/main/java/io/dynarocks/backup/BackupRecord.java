package io.dynarocks.backup;

import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.TableDefinition;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * One backup: what DescribeBackup reports and where its items are. A {@code USER} backup's items are a
 * copy under {@link BackupKeys#data}; a {@code SYSTEM} backup (made when a table with point-in-time
 * recovery is deleted) is the deleted table's own key space, which is kept until the backup expires.
 *
 * @param table     the table's definition when the backup was taken (indexes, stream and TTL settings)
 * @param dataId    the id of the key space holding the items (a data id, or the deleted table's storage id)
 * @param expiresMillis when a SYSTEM backup expires; 0 for none
 */
public record BackupRecord(String arn, String name, String type, String status, long creationMillis,
        long expiresMillis, long sizeBytes, long itemCount, int dataId, TableDefinition table) {

    public static final String USER = "USER";
    public static final String SYSTEM = "SYSTEM";
    public static final String AVAILABLE = "AVAILABLE";
    public static final String DELETED = "DELETED";

    public boolean system() {
        return SYSTEM.equals(type);
    }

    /** The prefix of the backup's item keys; what follows it is the item's key after the table id. */
    public byte[] dataPrefix() {
        return system() ? Arrays.copyOf(ItemKeys.table(dataId).from(), 5) : BackupKeys.data(dataId);
    }

    public BackupRecord withStatus(String newStatus) {
        return new BackupRecord(arn, name, type, newStatus, creationMillis, expiresMillis, sizeBytes, itemCount,
                dataId, table);
    }

    /** Stored form: the table definition's length and catalog form, then this record's own members. */
    byte[] toBytes() {
        byte[] t = TableDefinitionJson.toBytes(table);
        byte[] own = JsonWriter.object(g -> {
            g.writeStringField("Arn", arn);
            g.writeStringField("Name", name);
            g.writeStringField("Type", type);
            g.writeStringField("Status", status);
            g.writeNumberField("CreationMillis", creationMillis);
            g.writeNumberField("ExpiresMillis", expiresMillis);
            g.writeNumberField("SizeBytes", sizeBytes);
            g.writeNumberField("ItemCount", itemCount);
            g.writeNumberField("DataId", dataId);
        });
        return ByteBuffer.allocate(4 + t.length + own.length).putInt(t.length).put(t).put(own).array();
    }

    static BackupRecord fromBytes(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int tableLength = b.getInt();
        TableDefinition table = TableDefinitionJson.fromBytes(Arrays.copyOfRange(bytes, 4, 4 + tableLength));
        var f = new Object() {
            String arn;
            String name;
            String type;
            String status;
            long created;
            long expires;
            long size;
            long items;
            int dataId;
        };
        JsonReader.readBody(Arrays.copyOfRange(bytes, 4 + tableLength, bytes.length), (n, r) -> {
            switch (n) {
                case "Arn" -> f.arn = r.readString();
                case "Name" -> f.name = r.readString();
                case "Type" -> f.type = r.readString();
                case "Status" -> f.status = r.readString();
                case "CreationMillis" -> f.created = r.readLong();
                case "ExpiresMillis" -> f.expires = r.readLong();
                case "SizeBytes" -> f.size = r.readLong();
                case "ItemCount" -> f.items = r.readLong();
                case "DataId" -> f.dataId = r.readInt();
                default -> r.skip();
            }
        });
        return new BackupRecord(f.arn, f.name, f.type, f.status, f.created, f.expires, f.size, f.items, f.dataId,
                table);
    }
}
