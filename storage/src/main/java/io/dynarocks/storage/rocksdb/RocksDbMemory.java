package io.dynarocks.storage.rocksdb;

import org.rocksdb.LRUCache;
import org.rocksdb.WriteBufferManager;

/**
 * The memory RocksDB may use for every store of a process together: one block cache, to which the
 * memtables of all stores are charged through one write buffer manager. Without it each store had its
 * own 64 MB cache and two 16 MB memtables, so a server opening a store per credential and region (DynamoDB
 * Local's layout) grew by 96 MB with each new one.
 *
 * <p>The cache is RocksDB's LRU cache without a strict limit: a read that needs a block while the cache
 * is full is served (the block is evicted when released) rather than failed, so the cap can be exceeded
 * by the blocks in use at one moment, never by more.
 */
public final class RocksDbMemory implements AutoCloseable {

    /** The default: 64 MB of block cache and 32 MB of memtables, what one store used to have alone. */
    public static final long DEFAULT_BYTES = 96L << 20;
    /** Below this RocksDB would flush memtables of a few KB (a file per flush) and thrash its cache. */
    public static final long MIN_BYTES = 16L << 20;
    /**
     * One shard: a block larger than its shard is evicted as soon as it is released, so RocksDB's automatic
     * 64 shards of 1 MB read and decompressed the index and filter of a table of a million items on every
     * point read, and a file's whole filter (12.5 MB for 10,000,000 items) needs more than a quarter of the
     * default cache. Contention on the shard's lock is no issue on a local server.
     */
    private static final int CACHE_SHARD_BITS = 0;
    /**
     * Index and filter blocks go to this share of the cache first (RocksDB's Java constructor defaults it to
     * none, so they were evicted by the data blocks of random reads and read from the file again).
     */
    private static final double HIGH_PRIORITY_RATIO = 0.5;

    private final long bytes;
    private final LRUCache cache;
    private final WriteBufferManager writeBuffers;

    private RocksDbMemory(long bytes) {
        this.bytes = bytes;
        NativeLibrary.load();
        this.cache = new LRUCache(bytes, CACHE_SHARD_BITS, false, HIGH_PRIORITY_RATIO);
        // Memtables take at most a third of it: flushed once they reach it, so reads keep most of the cache.
        this.writeBuffers = new WriteBufferManager(bytes / 3, cache);
    }

    /** RocksDB memory capped at {@code bytes} (at least {@link #MIN_BYTES}), for the stores opened with it. */
    public static RocksDbMemory of(long bytes) {
        if (bytes < MIN_BYTES) {
            throw new IllegalArgumentException("RocksDB memory must be at least " + (MIN_BYTES >> 20) + " MB");
        }
        return new RocksDbMemory(bytes);
    }

    public long bytes() {
        return bytes;
    }

    LRUCache cache() {
        return cache;
    }

    WriteBufferManager writeBuffers() {
        return writeBuffers;
    }

    /** Frees the cache; every store opened with it must be closed first. */
    @Override
    public void close() {
        writeBuffers.close();
        cache.close();
    }
}
