package io.dynarocks.replication;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The regions holding a replica of a global table, as one region knows them (this region included).
 *
 * @param version        {@link #CURRENT} for tables made global with UpdateTable's ReplicaUpdates,
 *                       {@link #LEGACY} for those made global with CreateGlobalTable
 * @param regions        every replica's region, sorted
 * @param creationMillis when the table became global
 * @param settings       each replica's own settings, by region (version 2019.11.21), where it has any
 */
public record ReplicaSet(String tableName, String version, List<String> regions, long creationMillis,
        Map<String, ReplicaSettings> settings) {

    /** Global tables version 2019.11.21. */
    public static final String CURRENT = "2019.11.21";
    /** Global tables version 2017.11.29 (legacy). */
    public static final String LEGACY = "2017.11.29";

    public ReplicaSet {
        regions = List.copyOf(new TreeSet<>(regions));
        settings = Map.copyOf(settings);
    }

    /** A set whose replicas have no settings of their own. */
    public ReplicaSet(String tableName, String version, List<String> regions, long creationMillis) {
        this(tableName, version, regions, creationMillis, Map.of());
    }

    /** The settings of {@code region}'s replica; {@link ReplicaSettings#NONE} when it has none. */
    public ReplicaSettings settingsOf(String region) {
        return settings.getOrDefault(region, ReplicaSettings.NONE);
    }

    public ReplicaSet withSettings(String region, ReplicaSettings value) {
        Map<String, ReplicaSettings> all = new TreeMap<>(settings);
        all.put(region, value);
        return new ReplicaSet(tableName, version, regions, creationMillis, all);
    }

    public boolean contains(String region) {
        return regions.contains(region);
    }

    public ReplicaSet with(String region) {
        List<String> all = new ArrayList<>(regions);
        all.add(region);
        return new ReplicaSet(tableName, version, all, creationMillis, settings);
    }

    public ReplicaSet without(String region) {
        List<String> all = new ArrayList<>(regions);
        all.remove(region);
        Map<String, ReplicaSettings> kept = new TreeMap<>(settings);
        kept.remove(region);
        return new ReplicaSet(tableName, version, all, creationMillis, kept);
    }

    /** The regions other than {@code local}. */
    public List<String> peersOf(String local) {
        return regions.stream().filter(r -> !r.equals(local)).toList();
    }

    byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(3);
            out.writeUTF(tableName);
            out.writeUTF(version);
            out.writeLong(creationMillis);
            out.writeInt(regions.size());
            for (String r : regions) {
                out.writeUTF(r);
            }
            out.writeInt(settings.size());
            for (var e : new TreeMap<>(settings).entrySet()) {
                out.writeUTF(e.getKey());
                e.getValue().write(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static ReplicaSet fromBytes(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int format = in.readByte();
            String table = in.readUTF();
            String version = in.readUTF();
            long created = in.readLong();
            int n = in.readInt();
            List<String> regions = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                regions.add(in.readUTF());
            }
            Map<String, ReplicaSettings> settings = new TreeMap<>();
            int m = format >= 2 ? in.readInt() : 0;
            for (int i = 0; i < m; i++) {
                settings.put(in.readUTF(), ReplicaSettings.read(in, format));
            }
            return new ReplicaSet(table, version, regions, created, settings);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
