package io.dynarocks.storage.rocksdb;

import org.rocksdb.AbstractEventListener;
import org.rocksdb.WriteStallCondition;
import org.rocksdb.WriteStallInfo;

/**
 * Follows RocksDB's write stall conditions: it delays writes when memtables or level-0 files pile up or
 * compaction falls behind, and stops them when they pile up further (e.g. while a slow disk crawls through a
 * flush). RocksDB calls it from its background threads whenever the condition changes.
 */
final class StallListener extends AbstractEventListener {

    private volatile boolean stalled;

    StallListener() {
        super(EnabledEventCallback.ON_STALL_CONDITIONS_CHANGED);
    }

    @Override
    public void onStallConditionsChanged(WriteStallInfo info) {
        stalled = info.getCurrentCondition() != WriteStallCondition.NORMAL;
    }

    /** True while writes are delayed or stopped. */
    boolean stalled() {
        return stalled;
    }
}
