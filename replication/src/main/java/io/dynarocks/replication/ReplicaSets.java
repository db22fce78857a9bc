package io.dynarocks.replication;

import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * This region's replica sets, by table name: persisted, and cached so every write can ask cheaply.
 * On a store shared by several servers of the region, a set another server changes reaches this one
 * through a watch, and every write expects the set its server knows ({@link #expectCurrent}), so no
 * server writes an unversioned change to a table another server just made global.
 */
final class ReplicaSets {

    private final Storage storage;
    private final Map<String, ReplicaSet> byTable = new ConcurrentHashMap<>();
    /** The stored bytes of each cached set, which a write on a shared store expects unchanged. */
    private final Map<String, byte[]> stored = new ConcurrentHashMap<>();

    ReplicaSets(Storage storage) {
        this.storage = storage;
        try (KeyValueIterator it = storage.iterate(ReplicationKeys.replicaSets(), false, null)) {
            while (it.next()) {
                ReplicaSet set = ReplicaSet.fromBytes(it.value());
                byTable.put(set.tableName(), set);
                stored.put(set.tableName(), it.value());
            }
        }
    }

    /**
     * On a shared store, reloads the sets other servers change and then tells {@code changed} the table's
     * name; does nothing on a store this process alone writes.
     */
    void follow(Consumer<String> changed) {
        if (!storage.shared()) {
            return;
        }
        storage.watch(ReplicationKeys.replicaSets().from(), key -> {
            List<String> names = key == null ? reloadAll()
                    : List.of(new String(key, 2, key.length - 2, StandardCharsets.UTF_8));
            for (String name : names) {
                reload(name);
                changed.accept(name);
            }
        });
    }

    private List<String> reloadAll() {
        java.util.Set<String> names = new java.util.HashSet<>(byTable.keySet());
        try (KeyValueIterator it = storage.iterate(ReplicationKeys.replicaSets(), false, null)) {
            while (it.next()) {
                names.add(ReplicaSet.fromBytes(it.value()).tableName());
            }
        }
        return List.copyOf(names);
    }

    private void reload(String tableName) {
        byte[] value = storage.get(ReplicationKeys.replicaSet(tableName));
        if (value == null) {
            byTable.remove(tableName);
            stored.remove(tableName);
        } else {
            byTable.put(tableName, ReplicaSet.fromBytes(value));
            stored.put(tableName, value);
        }
    }

    /** The table's replica set, or null when the table is not global. */
    ReplicaSet of(String tableName) {
        return byTable.get(tableName);
    }

    Collection<ReplicaSet> all() {
        return byTable.values();
    }

    /** Makes {@code batch} commit only if the table's set is still the one this server knows. */
    void expectCurrent(WriteBatch batch, String tableName) {
        batch.expect(ReplicationKeys.replicaSet(tableName), stored.get(tableName));
    }

    void stage(WriteBatch batch, ReplicaSet set) {
        batch.put(ReplicationKeys.replicaSet(set.tableName()), set.toBytes());
    }

    void stageRemoval(WriteBatch batch, String tableName) {
        batch.delete(ReplicationKeys.replicaSet(tableName));
    }

    /** Makes a written set (or its removal, {@code set} null) visible. */
    void published(String tableName, ReplicaSet set) {
        if (set == null) {
            byTable.remove(tableName);
            stored.remove(tableName);
        } else {
            byTable.put(tableName, set);
            stored.put(tableName, set.toBytes());
        }
    }
}
