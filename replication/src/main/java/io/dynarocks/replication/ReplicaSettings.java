package io.dynarocks.replication;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.ReplicaUpdate;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The settings one replica of a version 2019.11.21 global table was given by ReplicaUpdates' Create or
 * Update: its read capacity and on-demand read maximum, its table class (and when it was set), and the
 * same per global secondary index, and the ARN of the customer managed KMS key its table is encrypted
 * under (in its region). Null means never set (the replica has its table's value). Every region keeps
 * every replica's settings in the replica set, so each describes the others' overrides and keys.
 */
public record ReplicaSettings(Long readCapacityUnits, Long maxReadRequestUnits, String tableClass,
        long tableClassUpdatedMillis, Map<String, IndexSettings> indexes, String kmsMasterKeyArn) {

    /** A replica's settings of one index. */
    public record IndexSettings(Long readCapacityUnits, Long maxReadRequestUnits) {}

    public static final ReplicaSettings NONE = new ReplicaSettings(null, null, null, 0, Map.of());

    public ReplicaSettings {
        indexes = Map.copyOf(indexes);
    }

    /** Settings without a KMS key of the replica's own. */
    public ReplicaSettings(Long readCapacityUnits, Long maxReadRequestUnits, String tableClass,
            long tableClassUpdatedMillis, Map<String, IndexSettings> indexes) {
        this(readCapacityUnits, maxReadRequestUnits, tableClass, tableClassUpdatedMillis, indexes, null);
    }

    /** These settings with the replica's table encrypted under the customer managed key {@code keyArn}. */
    public ReplicaSettings withKmsMasterKeyArn(String keyArn) {
        return new ReplicaSettings(readCapacityUnits, maxReadRequestUnits, tableClass, tableClassUpdatedMillis,
                indexes, keyArn);
    }

    /**
     * These settings with what {@code update} sets, but its KMS key (which only the replica's region and
     * account resolve to an ARN); indexes it does not name keep theirs.
     */
    public ReplicaSettings merge(ReplicaUpdate update, long nowMillis) {
        Map<String, IndexSettings> merged = new TreeMap<>(indexes);
        for (ReplicaUpdate.IndexOverride o : update.indexes()) {
            IndexSettings old = merged.getOrDefault(o.indexName(), new IndexSettings(null, null));
            merged.put(o.indexName(), new IndexSettings(
                    o.readCapacityUnits() != null ? o.readCapacityUnits() : old.readCapacityUnits(),
                    o.maxReadRequestUnits() != null ? o.maxReadRequestUnits() : old.maxReadRequestUnits()));
        }
        boolean classSet = update.tableClassOverride() != null;
        return new ReplicaSettings(
                update.readCapacityUnits() != null ? update.readCapacityUnits() : readCapacityUnits,
                update.maxReadRequestUnits() != null ? update.maxReadRequestUnits() : maxReadRequestUnits,
                classSet ? update.tableClassOverride() : tableClass,
                classSet ? nowMillis : tableClassUpdatedMillis, merged, kmsMasterKeyArn);
    }

    void write(DataOutputStream out) throws IOException {
        writeLong(out, readCapacityUnits);
        writeLong(out, maxReadRequestUnits);
        out.writeBoolean(tableClass != null);
        if (tableClass != null) {
            out.writeUTF(tableClass);
        }
        out.writeLong(tableClassUpdatedMillis);
        out.writeInt(indexes.size());
        for (var e : indexes.entrySet()) {
            out.writeUTF(e.getKey());
            writeLong(out, e.getValue().readCapacityUnits());
            writeLong(out, e.getValue().maxReadRequestUnits());
        }
        out.writeBoolean(kmsMasterKeyArn != null);
        if (kmsMasterKeyArn != null) {
            out.writeUTF(kmsMasterKeyArn);
        }
    }

    /** Settings written by {@link #write} in the replica set's {@code format} (KMS keys since format 3). */
    static ReplicaSettings read(DataInputStream in, int format) throws IOException {
        Long read = readLong(in);
        Long maxRead = readLong(in);
        String tableClass = in.readBoolean() ? in.readUTF() : null;
        long updated = in.readLong();
        int n = in.readInt();
        Map<String, IndexSettings> indexes = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            indexes.put(in.readUTF(), new IndexSettings(readLong(in), readLong(in)));
        }
        String kms = format >= 3 && in.readBoolean() ? in.readUTF() : null;
        return new ReplicaSettings(read, maxRead, tableClass, updated, indexes, kms);
    }

    private static void writeLong(DataOutputStream out, Long value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            out.writeLong(value);
        }
    }

    private static Long readLong(DataInputStream in) throws IOException {
        return in.readBoolean() ? in.readLong() : null;
    }

    /** The settings as peers exchange them in UpdateReplicaSet. */
    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        writeUnits(g, readCapacityUnits, maxReadRequestUnits);
        if (tableClass != null) {
            g.writeStringField("TableClass", tableClass);
            g.writeNumberField("TableClassUpdated", tableClassUpdatedMillis);
        }
        if (kmsMasterKeyArn != null) {
            g.writeStringField("KMSMasterKeyArn", kmsMasterKeyArn);
        }
        g.writeObjectFieldStart("Indexes");
        for (var e : indexes.entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            writeUnits(g, e.getValue().readCapacityUnits(), e.getValue().maxReadRequestUnits());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    private static void writeUnits(JsonGenerator g, Long read, Long maxRead) throws IOException {
        if (read != null) {
            g.writeNumberField("ReadCapacityUnits", read);
        }
        if (maxRead != null) {
            g.writeNumberField("MaxReadRequestUnits", maxRead);
        }
    }

    public static ReplicaSettings readJson(JsonReader r) throws IOException {
        var f = new Object() {
            Long read;
            Long maxRead;
            String tableClass;
            long updated;
            String kms;
            Map<String, IndexSettings> indexes = Map.of();
        };
        r.readObject((n, v) -> {
            switch (n) {
                case "ReadCapacityUnits" -> f.read = v.readLong();
                case "MaxReadRequestUnits" -> f.maxRead = v.readLong();
                case "TableClass" -> f.tableClass = v.readString();
                case "TableClassUpdated" -> f.updated = v.readLong();
                case "KMSMasterKeyArn" -> f.kms = v.readString();
                case "Indexes" -> f.indexes = v.readMap(ReplicaSettings::readIndex);
                default -> v.skip();
            }
        });
        return new ReplicaSettings(f.read, f.maxRead, f.tableClass, f.updated, f.indexes, f.kms);
    }

    private static IndexSettings readIndex(JsonReader r) throws IOException {
        Long[] units = new Long[2];
        r.readObject((n, v) -> {
            switch (n) {
                case "ReadCapacityUnits" -> units[0] = v.readLong();
                case "MaxReadRequestUnits" -> units[1] = v.readLong();
                default -> v.skip();
            }
        });
        return new IndexSettings(units[0], units[1]);
    }
}
