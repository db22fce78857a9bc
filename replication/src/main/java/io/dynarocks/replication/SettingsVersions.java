package io.dynarocks.replication;

import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The last change this region applied to each synchronized setting of a global table (its capacity, and each
 * global secondary index by name), as when and where it was made. Regions deliver their changes independently, so
 * a region coming back may take one region's older change after another's newer one; like items, a setting keeps
 * the last writer's change (its time, then its region name), so every replica ends with the same settings.
 */
final class SettingsVersions {

    /** When and in which region a settings change was made; ordered as last-writer-wins orders item writes. */
    record Version(long timestamp, String region) implements Comparable<Version> {
        @Override
        public int compareTo(Version other) {
            int byTime = Long.compare(timestamp, other.timestamp);
            return byTime != 0 ? byTime : region.compareTo(other.region);
        }
    }

    /** The setting of the table's billing mode and capacity. */
    static final String CAPACITY = "capacity";

    private SettingsVersions() {}

    /** The setting of global secondary index {@code name}. */
    static String index(String name) {
        return "index:" + name;
    }

    static Map<String, Version> of(Storage storage, String tableName) {
        byte[] stored = storage.get(ReplicationKeys.settingsVersions(tableName));
        Map<String, Version> versions = new TreeMap<>();
        if (stored == null) {
            return versions;
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                versions.put(in.readUTF(), new Version(in.readLong(), in.readUTF()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    static void stage(WriteBatch batch, String tableName, Map<String, Version> versions) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(versions.size());
            for (var e : versions.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue().timestamp());
                out.writeUTF(e.getValue().region());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        batch.put(ReplicationKeys.settingsVersions(tableName), bytes.toByteArray());
    }
}
