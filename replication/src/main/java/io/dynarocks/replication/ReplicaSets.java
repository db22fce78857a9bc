package io.dynarocks.replication;

import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** This region's replica sets, by table name: persisted, and cached so every write can ask cheaply. */
final class ReplicaSets {

    private final Storage storage;
    private final Map<String, ReplicaSet> byTable = new ConcurrentHashMap<>();

    ReplicaSets(Storage storage) {
        this.storage = storage;
        try (KeyValueIterator it = storage.iterate(ReplicationKeys.replicaSets(), false, null)) {
            while (it.next()) {
                ReplicaSet set = ReplicaSet.fromBytes(it.value());
                byTable.put(set.tableName(), set);
            }
        }
    }

    /** The table's replica set, or null when the table is not global. */
    ReplicaSet of(String tableName) {
        return byTable.get(tableName);
    }

    Collection<ReplicaSet> all() {
        return byTable.values();
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
        } else {
            byTable.put(tableName, set);
        }
    }
}
