package io.dynarocks.vector;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.operation.Conflicts;
import io.dynarocks.protocol.model.IndexStats;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import io.dynarocks.storage.StorageException;
import io.dynarocks.storage.WriteBatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vector indexes in memory, one per index of each table, matched to the catalog: an index is built
 * from its table when it first appears (CreateTable, UpdateTable's Create, or at start-up after a restart)
 * and dropped with its table or by UpdateTable's Delete. A background thread applies queued item changes.
 */
final class VectorIndexes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(VectorIndexes.class);

    private record Key(int storageId, String indexName) {}

    private final Engine engine;
    private final Map<Key, LiveVectorIndex> live = new ConcurrentHashMap<>();
    private final ExecutorService builds = Executors.newSingleThreadExecutor(daemon("dynarocks-vector-build"));
    private final ForkJoinPool linkers = new ForkJoinPool(Runtime.getRuntime().availableProcessors());
    private final LinkedBlockingQueue<LiveVectorIndex> dirty = new LinkedBlockingQueue<>();
    private final Thread applier;
    private volatile boolean closed;

    VectorIndexes(Engine engine) {
        this.engine = engine;
        this.applier = daemon("dynarocks-vector-apply").newThread(this::applyChanges);
        applier.start();
    }

    /** The live index for {@code index} of {@code table}, created (and its build scheduled) on first use. */
    LiveVectorIndex index(TableDefinition table, VectorIndexDefinition index) {
        return live.computeIfAbsent(new Key(table.storageId(), index.indexName()), k -> {
            LiveVectorIndex created = new LiveVectorIndex(engine, table.storageId(), table.tableName(), index);
            builds.execute(() -> build(created));
            return created;
        });
    }

    /** An existing live index, or null. */
    LiveVectorIndex find(TableDefinition table, String indexName) {
        return live.get(new Key(table.storageId(), indexName));
    }

    /** Notes that an item of {@code index} changed; the applier thread will catch up. */
    void changed(LiveVectorIndex index, byte[] storageKey) {
        index.changed(storageKey);
        dirty.offer(index);
    }

    /** Matches the live indexes to the catalog once the table change in progress is published. */
    void reconcileLater() {
        builds.execute(this::reconcile);
    }

    void reconcile() {
        synchronized (engine.catalog()) {
            List<Key> wanted = new ArrayList<>();
            for (TableDefinition t : engine.catalog().tables()) {
                for (VectorIndexDefinition v : t.vectorIndexes()) {
                    wanted.add(new Key(t.storageId(), v.indexName()));
                    index(t, v);
                }
            }
            live.entrySet().removeIf(e -> {
                if (wanted.contains(e.getKey())) {
                    return false;
                }
                e.getValue().close();
                return true;
            });
        }
    }

    IndexStats stats(TableDefinition table, String indexName) {
        LiveVectorIndex index = find(table, indexName);
        return index == null ? IndexStats.EMPTY : index.stats();
    }

    private void build(LiveVectorIndex index) {
        try {
            // Every write that read the catalog before the index was published is done after this barrier;
            // later writes queue their keys, so the scan below misses nothing.
            synchronized (engine.catalog()) {
                // Waits for the CreateTable or UpdateTable that added the index to publish it.
            }
            engine.locks().barrier();
            long start = System.nanoTime();
            index.build(linkers);
            LOG.debug("Vector index {} of {} built: {} items in {} ms", index.definition().indexName(),
                    index.tableName(), index.stats().itemCount(), (System.nanoTime() - start) / 1_000_000);
            markActive(index);
            index.markReady();
        } catch (StorageException | IllegalStateException closedUnderUs) {
            index.close();
        } catch (RuntimeException e) {
            LOG.error("Vector index {} of {} could not be built", index.definition().indexName(), index.tableName(), e);
            index.close();
        }
    }

    /** An index added to a populated table becomes ACTIVE once its backfill is done. */
    private void markActive(LiveVectorIndex index) {
        // Made again on top of another server's concurrent change of the table, as UpdateTable is.
        Conflicts.retryTableChange(engine, index.tableName(), () -> {
            TableDefinition t = engine.catalog().find(index.tableName()).orElse(null);
            if (t == null || t.storageId() != index.storageId()) {
                return null;
            }
            VectorIndexDefinition current = t.vectorIndex(index.definition().indexName()).orElse(null);
            if (current == null || current.searchable()) {
                return null;
            }
            List<VectorIndexDefinition> indexes = new ArrayList<>();
            for (VectorIndexDefinition v : t.vectorIndexes()) {
                indexes.add(v == current ? v.withStatus("ACTIVE", false) : v);
            }
            TableDefinition updated = t.withVectorIndexes(indexes);
            WriteBatch batch = new WriteBatch();
            engine.catalog().stage(batch, t, updated);
            engine.storage().write(batch);
            engine.catalog().published(updated);
            index.redefine(current.withStatus("ACTIVE", false));
            return null;
        });
    }

    private void applyChanges() {
        while (!closed) {
            try {
                LiveVectorIndex index = dirty.poll(1, TimeUnit.SECONDS);
                if (index != null && index.isReady() && index.hasPending()) {
                    index.drain();
                }
            } catch (InterruptedException e) {
                return;
            } catch (StorageException | IllegalStateException closedUnderUs) {
                // The engine closed while a change was applied: nothing left to keep current.
            } catch (RuntimeException e) {
                LOG.error("Applying a change to a vector index failed", e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        applier.interrupt();
        builds.shutdownNow();
        linkers.shutdownNow();
        live.values().forEach(LiveVectorIndex::close);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}
