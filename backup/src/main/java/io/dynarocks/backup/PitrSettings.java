package io.dynarocks.backup;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.json.TableDefinitionJson;
import io.dynarocks.protocol.model.TableDefinition;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A table's point-in-time recovery: since when its changes are logged and for how many days they are
 * kept. A deleted table keeps its settings (with {@code deletedMillis}) as long as it can be restored.
 *
 * @param table         the table's definition (its last one, for a deleted table)
 * @param enabledMillis when logging started: the earliest restorable time can't be before it
 * @param deletedMillis when the table was deleted; 0 while it exists
 */
public record PitrSettings(TableDefinition table, int recoveryDays, long enabledMillis, long deletedMillis) {

    public static final int DEFAULT_DAYS = 35;
    private static final long DAY_MILLIS = 24L * 3600 * 1000;

    public boolean deleted() {
        return deletedMillis > 0;
    }

    public long windowMillis() {
        return recoveryDays * DAY_MILLIS;
    }

    /** The earliest time the table can be restored to, now (older changes are no longer kept). */
    public long earliestMillis(long now) {
        return Math.max(enabledMillis, now - windowMillis());
    }

    public PitrSettings withTable(TableDefinition t) {
        return new PitrSettings(t, recoveryDays, enabledMillis, deletedMillis);
    }

    public PitrSettings withDays(int days) {
        return new PitrSettings(table, days, enabledMillis, deletedMillis);
    }

    public PitrSettings deletedAt(long millis) {
        return new PitrSettings(table, recoveryDays, enabledMillis, millis);
    }

    byte[] toBytes() {
        byte[] t = TableDefinitionJson.toBytes(table);
        byte[] own = JsonWriter.object(g -> {
            g.writeNumberField("RecoveryDays", recoveryDays);
            g.writeNumberField("EnabledMillis", enabledMillis);
            g.writeNumberField("DeletedMillis", deletedMillis);
        });
        return ByteBuffer.allocate(4 + t.length + own.length).putInt(t.length).put(t).put(own).array();
    }

    static PitrSettings fromBytes(byte[] bytes) {
        int tableLength = ByteBuffer.wrap(bytes).getInt();
        TableDefinition table = TableDefinitionJson.fromBytes(Arrays.copyOfRange(bytes, 4, 4 + tableLength));
        long[] f = new long[3];
        JsonReader.readBody(Arrays.copyOfRange(bytes, 4 + tableLength, bytes.length), (n, r) -> {
            switch (n) {
                case "RecoveryDays" -> f[0] = r.readLong();
                case "EnabledMillis" -> f[1] = r.readLong();
                case "DeletedMillis" -> f[2] = r.readLong();
                default -> r.skip();
            }
        });
        return new PitrSettings(table, (int) f[0], f[1], f[2]);
    }
}
