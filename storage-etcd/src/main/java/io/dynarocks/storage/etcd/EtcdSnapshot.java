package io.dynarocks.storage.etcd;

import io.dynarocks.storage.Snapshot;

/** A read point on etcd: a store revision, which etcd keeps readable until it is compacted. */
record EtcdSnapshot(EtcdStorage owner, long revision) implements Snapshot {

    @Override
    public void close() {
        // Nothing is pinned: etcd keeps old revisions until compaction (see EtcdStorage).
    }
}
