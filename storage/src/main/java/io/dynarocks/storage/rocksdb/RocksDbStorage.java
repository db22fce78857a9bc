package io.dynarocks.storage.rocksdb;

import io.dynarocks.storage.KeyRange;
import io.dynarocks.storage.KeyValueIterator;
import io.dynarocks.storage.NonBlockingWrites;
import io.dynarocks.storage.Snapshot;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.StorageException;
import io.dynarocks.storage.WriteBatch;
import io.dynarocks.storage.WriteConflictException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.CompactionStyle;
import org.rocksdb.CompressionType;
import org.rocksdb.FlushOptions;
import org.rocksdb.IndexType;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteOptions;

/**
 * Persistent {@link Storage} on RocksDB: the write-ahead log is always on, so an acknowledged
 * write survives a process crash; {@code sync} additionally fsyncs it for machine crashes.
 *
 * <p>Native handles are freed exactly once: operations hold a read lock and {@link #close()}
 * takes the write lock, closing any snapshot or iterator still open before the database itself.
 */
public final class RocksDbStorage implements Storage {

    private static final double BLOOM_BITS_PER_KEY = 10;
    /** RocksDB's default is 64 MB per memtable (two of them): 16 MB keeps a local server's footprint small. */
    private static final long WRITE_BUFFER_BYTES = 16L << 20;
    /** See the merge operator in {@link #open}; measured in docs/design-notes.md ("Item counts"). */
    private static final int MAX_SUCCESSIVE_MERGES = 64;
    /** Share of each memtable's budget given to its bloom filter over whole keys (~40 bits per 200-byte item). */
    private static final double MEMTABLE_BLOOM_RATIO = 0.02;

    private final RocksDB db;
    private final Options options;
    /** The cache and memtable budget; closed with the store when the store made it for itself. */
    private final RocksDbMemory memory;
    private final boolean ownsMemory;
    private final BloomFilter bloom;
    private final WriteOptions writeOptions;
    /** As {@link #writeOptions}, but failing at once rather than waiting out a write stall ({@link NonBlockingWrites}). */
    private final WriteOptions nonBlockingWriteOptions;
    private final StallListener stalls;
    private final ReentrantReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private final Set<AutoCloseable> open = ConcurrentHashMap.newKeySet();
    private boolean closed; // guarded by lifecycle
    /**
     * Serializes the batches that carry expectations between their check and their write. Batches
     * without expectations do not take it: in one process the engine's item locks already keep them
     * off the items a conditional batch expects.
     */
    private final java.util.concurrent.locks.ReentrantLock conditional = new java.util.concurrent.locks.ReentrantLock();

    private RocksDbStorage(RocksDB db, Options options, RocksDbMemory memory, boolean ownsMemory, BloomFilter bloom,
            WriteOptions writeOptions, StallListener stalls) {
        this.db = db;
        this.options = options;
        this.memory = memory;
        this.ownsMemory = ownsMemory;
        this.bloom = bloom;
        this.writeOptions = writeOptions;
        this.nonBlockingWriteOptions = new WriteOptions().setSync(writeOptions.sync()).setNoSlowdown(true);
        this.stalls = stalls;
    }

    /** Opens (creating if missing) the database in {@code dir}; {@code sync} fsyncs the WAL on every write. */
    public static RocksDbStorage open(Path dir, boolean sync) {
        return open(dir, sync, false);
    }

    /**
     * As {@link #open(Path, boolean)}. The write-ahead log may end in an incomplete record (a crash in
     * the middle of a write, which was never acknowledged) but must be intact before that: damage with
     * valid records after it would silently drop acknowledged writes, so opening fails with a
     * {@link StorageException.Corruption} instead, unless {@code salvageWal} asks to keep the writes
     * before the damage and drop the rest.
     */
    public static RocksDbStorage open(Path dir, boolean sync, boolean salvageWal) {
        // Loaded here, never statically elsewhere: in-memory mode must not pay for the natives.
        NativeLibrary.load();
        RocksDbMemory memory = RocksDbMemory.of(RocksDbMemory.DEFAULT_BYTES);
        try {
            return open(dir, sync, salvageWal, memory, true);
        } catch (RuntimeException e) {
            memory.close();
            throw e;
        }
    }

    /**
     * As {@link #open(Path, boolean, boolean)}, with the block cache and memtables counted in {@code memory},
     * which several stores may share and which must stay open until they are closed.
     */
    public static RocksDbStorage open(Path dir, boolean sync, boolean salvageWal, RocksDbMemory memory) {
        return open(dir, sync, salvageWal, memory, false);
    }

    private static RocksDbStorage open(Path dir, boolean sync, boolean salvageWal, RocksDbMemory memory,
            boolean ownsMemory) {
        NativeLibrary.load();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new StorageException("cannot create " + dir, e);
        }
        BloomFilter bloom = new BloomFilter(BLOOM_BITS_PER_KEY, false);
        // Partitioned index: only its small top level stays pinned, and a point read loads the 4 KB partition
        // it needs, however large the file. One whole filter per file, kept in the cache's high-priority pool
        // (RocksDbMemory): a read probes it at once, where a partitioned filter first searched its top level
        // for the partition, which cost a quarter of a bulk load's old-item multi-get.
        BlockBasedTableConfig table = new BlockBasedTableConfig()
                .setBlockCache(memory.cache())
                .setFilterPolicy(bloom)
                .setCacheIndexAndFilterBlocks(true)
                .setCacheIndexAndFilterBlocksWithHighPriority(true)
                .setPinL0FilterAndIndexBlocksInCache(true)
                .setIndexType(IndexType.kTwoLevelIndexSearch)
                .setPartitionFilters(false)
                .setMetadataBlockSize(4096)
                .setPinTopLevelIndexAndFilter(true);
        StallListener stalls = new StallListener();
        Options options = new Options()
                .setCreateIfMissing(true)
                .setListeners(List.of(stalls))
                .setWriteBufferSize(WRITE_BUFFER_BYTES)
                .setMaxWriteBufferNumber(2)
                // Most writes of a bulk load are of new items: their old-item read then answers "absent"
                // from the memtable's filter instead of searching its skip list.
                .setMemtableWholeKeyFiltering(true)
                .setMemtablePrefixBloomSizeRatio(MEMTABLE_BLOOM_RATIO)
                .setWriteBufferManager(memory.writeBuffers())
                .setTableFormatConfig(table)
                .setCompressionType(CompressionType.LZ4_COMPRESSION)
                // Tiered: items are keyed by a hash of their partition key, so every flushed file spans the
                // whole key space, and leveled compaction merged each batch of them into the entire last
                // level (a 10,000,000-item load rewrote its 190 MB 24 times, 64 s of CPU). Universal
                // compaction merges sorted runs of similar size, so each item is rewritten a few times.
                .setCompactionStyle(CompactionStyle.UNIVERSAL)
                // WriteBatch.add: RocksDB's built-in 64-bit little-endian addition (wraps, so negative
                // deltas work). Successive merges of one key in the memtable are folded every
                // MAX_SUCCESSIVE_MERGES, so reading a hot counter never walks a long operand chain.
                .setMergeOperatorName("uint64add")
                .setMaxSuccessiveMerges(MAX_SUCCESSIVE_MERGES)
                .setWalRecoveryMode(salvageWal ? WALRecoveryMode.PointInTimeRecovery
                        : WALRecoveryMode.TolerateCorruptedTailRecords);
        WriteOptions writeOptions = new WriteOptions().setSync(sync).setDisableWAL(false);
        try {
            return new RocksDbStorage(RocksDB.open(options, dir.toString()), options, memory, ownsMemory, bloom,
                    writeOptions, stalls);
        } catch (RocksDBException e) {
            writeOptions.close();
            stalls.close();
            options.close();
            bloom.close();
            throw openFailure(dir, e);
        }
    }

    /** Says what is wrong with the data directory in words an operator can act on. */
    static StorageException openFailure(Path dir, RocksDBException e) {
        String message = String.valueOf(e.getMessage());
        Status.Code code = e.getStatus() == null ? null : e.getStatus().getCode();
        if (message.contains("LOCK") && (message.contains("temporarily unavailable") || message.contains("lock hold"))) {
            return new StorageException("the data directory " + dir + " is in use by another process (another "
                    + "DynaRocks server?): only one server may open it at a time (" + message + ")", e);
        }
        if (message.contains("Read-only file system") || message.contains("Permission denied")) {
            return new StorageException("the data directory " + dir + " is not writable (" + message + ")", e);
        }
        if (message.contains("No space left on device")) {
            return new StorageException("no space left on the device of the data directory " + dir + " ("
                    + message + ")", e);
        }
        if (code == Status.Code.Corruption) {
            return new StorageException.Corruption("the data in " + dir + " is corrupted (" + message + ")", e);
        }
        return new StorageException("cannot open RocksDB at " + dir + ": " + message, e);
    }

    /** RocksDB's own estimates, read from DB properties (no Statistics object, so no per-operation overhead). */
    private static final List<String> PROPERTIES = List.of("rocksdb.estimate-num-keys",
            "rocksdb.estimate-live-data-size", "rocksdb.total-sst-files-size", "rocksdb.cur-size-all-mem-tables",
            "rocksdb.block-cache-usage", "rocksdb.block-cache-pinned-usage", "rocksdb.estimate-table-readers-mem",
            "rocksdb.num-running-compactions", "rocksdb.is-write-stopped");

    @Override
    public java.util.Map<String, Long> statistics() {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                return java.util.Map.of();
            }
            java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
            for (String property : PROPERTIES) {
                try {
                    out.put(property.substring("rocksdb.".length()), db.getLongProperty(property));
                } catch (RocksDBException e) {
                    // A property this RocksDB build does not know is left out.
                }
            }
            return out;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public byte[] get(byte[] key) {
        return get(null, key);
    }

    /** One native multi-get: one call across JNI and one look-up of the current version for every key. */
    @Override
    public java.util.List<byte[]> getAll(java.util.List<byte[]> keys) {
        if (keys.size() < 2) {
            return Storage.super.getAll(keys);
        }
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            return db.multiGetAsList(keys);
        } catch (RocksDBException e) {
            throw failure("multi-get", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public byte[] get(Snapshot snapshot, byte[] key) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            if (snapshot == null) {
                // The common point read: no native ReadOptions to allocate and free per call.
                return db.get(key);
            }
            try (ReadOptions read = new ReadOptions()) {
                read.setSnapshot(own(snapshot).snapshot);
                return db.get(read, key);
            }
        } catch (RocksDBException e) {
            throw failure("get", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public KeyValueIterator iterate(KeyRange range, boolean reverse, Snapshot snapshot) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            org.rocksdb.Snapshot rocksSnapshot = snapshot == null ? null : own(snapshot).snapshot;
            byte[] from = range.from() == null ? new byte[0] : range.from();
            RocksDbIterator it = new RocksDbIterator(this, db, from, range.to(), reverse, rocksSnapshot);
            open.add(it);
            return it;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public void write(WriteBatch batch) {
        if (batch.isEmpty()) return;
        if (batch.expectations().isEmpty()) {
            apply(batch);
            return;
        }
        conditional.lock();
        try {
            for (WriteBatch.Expect e : batch.expectations()) {
                if (!java.util.Arrays.equals(get(e.key()), e.value())) {
                    throw new WriteConflictException("a key changed since it was read");
                }
            }
            apply(batch);
        } finally {
            conditional.unlock();
        }
    }

    private void apply(WriteBatch batch) {
        lifecycle.readLock().lock();
        try (org.rocksdb.WriteBatch rocksBatch = new org.rocksdb.WriteBatch()) {
            ensureOpen();
            for (WriteBatch.Op op : batch.ops()) {
                if (op instanceof WriteBatch.Put p) {
                    rocksBatch.put(p.key(), p.value());
                } else if (op instanceof WriteBatch.Delete d) {
                    rocksBatch.delete(d.key());
                } else if (op instanceof WriteBatch.Add a) {
                    rocksBatch.merge(a.key(), WriteBatch.counterBytes(a.delta()));
                } else if (op instanceof WriteBatch.DeleteRange r) {
                    if (r.to() == null) throw new IllegalArgumentException("DeleteRange needs an upper bound");
                    rocksBatch.deleteRange(r.from(), r.to());
                }
            }
            boolean nonBlocking = NonBlockingWrites.active();
            try {
                db.write(nonBlocking ? nonBlockingWriteOptions : writeOptions, rocksBatch);
            } catch (RocksDBException e) {
                // no_slowdown: RocksDB answers Incomplete ("Write stall") instead of waiting, having written nothing.
                if (nonBlocking && e.getStatus() != null && e.getStatus().getCode() == Status.Code.Incomplete) {
                    throw new StorageException.Stalled("RocksDB holds writes back (write stall)", e);
                }
                throw e;
            }
        } catch (RocksDBException e) {
            throw failure("write", e);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public WriteStall writeStall() {
        // The listener is the cheap test; RocksDB's own figures say which stall it is, and confirm it, so a
        // missed notification could never leave the store looking stalled for good.
        if (!stalls.stalled()) {
            return WriteStall.NONE;
        }
        lifecycle.readLock().lock();
        try {
            if (closed) {
                return WriteStall.NONE;
            }
            if (db.getLongProperty("rocksdb.is-write-stopped") != 0) {
                return WriteStall.STOPPED;
            }
            return db.getLongProperty("rocksdb.actual-delayed-write-rate") != 0 ? WriteStall.DELAYED : WriteStall.NONE;
        } catch (RocksDBException e) {
            return WriteStall.NONE;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    @Override
    public Snapshot snapshot() {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            RocksDbSnapshot s = new RocksDbSnapshot(this, db.getSnapshot());
            open.add(s);
            return s;
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Flushes memtables and releases every native resource; idempotent. */
    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) return;
            // Leaked iterators and snapshots would make RocksDB refuse to close, or crash later.
            for (AutoCloseable resource : new ArrayList<>(open)) {
                try {
                    resource.close();
                } catch (Exception ignored) {
                    // closing the rest matters more
                }
            }
            List<RocksDBException> errors = new ArrayList<>();
            try (FlushOptions flush = new FlushOptions().setWaitForFlush(true)) {
                db.flush(flush);
            } catch (RocksDBException e) {
                errors.add(e);
            }
            try {
                db.closeE();
            } catch (RocksDBException e) {
                errors.add(e);
            }
            closed = true;
            writeOptions.close();
            nonBlockingWriteOptions.close();
            options.close();
            stalls.close();
            bloom.close();
            if (ownsMemory) {
                memory.close();
            }
            if (!errors.isEmpty()) throw failure("close", errors.get(0));
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    /** Runs {@code action} only while the database is open, so native handles are never used after close. */
    void whileOpen(Runnable action) {
        lifecycle.readLock().lock();
        try {
            ensureOpen();
            action.run();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Releases a snapshot or iterator; a no-op after the database closed it. */
    void release(AutoCloseable resource, Runnable closeNative) {
        lifecycle.readLock().lock();
        try {
            if (open.remove(resource)) closeNative.run();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    void releaseSnapshot(org.rocksdb.Snapshot snapshot) {
        db.releaseSnapshot(snapshot);
    }

    static StorageException failure(String what, RocksDBException e) {
        return new StorageException("RocksDB " + what + " failed: " + e.getMessage(), e);
    }

    private RocksDbSnapshot own(Snapshot snapshot) {
        if (!(snapshot instanceof RocksDbSnapshot s) || s.owner != this) {
            throw new IllegalArgumentException("snapshot does not belong to this storage");
        }
        if (!open.contains(s)) throw new IllegalStateException("snapshot is closed");
        return s;
    }

    private void ensureOpen() {
        if (closed) throw new StorageException("storage is closed");
    }
}
