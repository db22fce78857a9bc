package io.dynarocks.storage.rocksdb;

import io.dynarocks.storage.Snapshot;

/** A RocksDB snapshot owned by a {@link RocksDbStorage}. */
final class RocksDbSnapshot implements Snapshot {
    final RocksDbStorage owner;
    final org.rocksdb.Snapshot snapshot;

    RocksDbSnapshot(RocksDbStorage owner, org.rocksdb.Snapshot snapshot) {
        this.owner = owner;
        this.snapshot = snapshot;
    }

    @Override
    public void close() {
        owner.release(this, () -> {
            owner.releaseSnapshot(snapshot);
            snapshot.close();
        });
    }
}
