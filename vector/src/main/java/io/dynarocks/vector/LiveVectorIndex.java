package io.dynarocks.vector;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.ItemLocks;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.IndexStats;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import io.dynarocks.storage.KeyValueIterator;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * One vector index in memory: a graph per vector-index partition-key value (one graph when the search
 * schema has none), built from the table's items and then kept current from the change hook.
 *
 * <p>The table is the source of truth. The hook only queues the keys of changed items; applying a key
 * re-reads that item under its lock (so after its write committed or failed) and makes the graph match it.
 * Searches apply the queue first, so a client sees its own acknowledged writes; a background thread applies
 * it otherwise within milliseconds. After a restart the index is rebuilt from the table before it answers.
 */
final class LiveVectorIndex {

    /** An indexed item: its storage key and the inline filter attributes searches test. */
    record Indexed(byte[] storageKey, Map<String, AttributeValue> inline) {}

    private record Location(AttributeValue partition, int node) {}

    private static final AttributeValue WHOLE_INDEX = new AttributeValue.NULL();

    private final Engine engine;
    private final int storageId;
    private final String tableName;
    private volatile VectorIndexDefinition definition;
    private final Distance distance;
    private final Map<AttributeValue, VectorGraph<Indexed>> partitions = new ConcurrentHashMap<>();
    private final Map<ByteBuffer, Location> locations = new ConcurrentHashMap<>();
    private final Queue<byte[]> pending = new ConcurrentLinkedQueue<>();
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final ReentrantReadWriteLock compaction = new ReentrantReadWriteLock();
    private final AtomicLong bytes = new AtomicLong();
    private volatile boolean closed;

    LiveVectorIndex(Engine engine, int storageId, String tableName, VectorIndexDefinition definition) {
        this.engine = engine;
        this.storageId = storageId;
        this.tableName = tableName;
        this.definition = definition;
        this.distance = Distance.of(definition);
    }

    VectorIndexDefinition definition() {
        return definition;
    }

    String tableName() {
        return tableName;
    }

    int storageId() {
        return storageId;
    }

    boolean isReady() {
        return ready.isDone();
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    /** Called from the change hook, under the item's lock and before its batch is written: never blocks. */
    void changed(byte[] storageKey) {
        pending.add(storageKey);
    }

    boolean hasPending() {
        return !pending.isEmpty();
    }

    void close() {
        closed = true;
        ready.completeExceptionally(new IllegalStateException("vector index dropped"));
    }

    /**
     * Fills the index from every item of the table, linking on {@code pool} in parallel, then applies the
     * changes queued meanwhile. The caller has made sure every write that could miss the queue is done,
     * and calls {@link #markReady} after.
     */
    void build(ForkJoinPool pool) {
        Map<AttributeValue, List<Object[]>> found = new HashMap<>();
        try (KeyValueIterator it = engine.storage().iterate(ItemKeys.index(storageId, ItemKeys.BASE_TABLE), false,
                null)) {
            while (it.next() && !closed) {
                Map<String, AttributeValue> item = ItemCodec.decode(it.value());
                Object[] entry = entryOf(it.key(), item);
                if (entry != null) {
                    found.computeIfAbsent((AttributeValue) entry[0], p -> new ArrayList<>()).add(entry);
                }
            }
        }
        for (Map.Entry<AttributeValue, List<Object[]>> p : found.entrySet()) {
            VectorGraph<Indexed> graph = graph(p.getKey());
            int[] nodes = new int[p.getValue().size()];
            for (int i = 0; i < nodes.length; i++) {
                Object[] e = p.getValue().get(i);
                Indexed indexed = (Indexed) e[2];
                nodes[i] = graph.append((float[]) e[1], indexed);
                locations.put(ByteBuffer.wrap(indexed.storageKey()), new Location(p.getKey(), nodes[i]));
                bytes.addAndGet(sizeOf(indexed));
            }
            pool.submit(() -> IntStream.of(nodes).parallel().forEach(graph::link)).join();
        }
        drain();
    }

    /** Opens the built index to searches (and to the background applier). */
    void markReady() {
        drain();
        ready.complete(null);
    }

    /** Applies every queued change; searches call it first so they see acknowledged writes. */
    void drain() {
        // Checked under the lock: a key another thread has polled but not yet applied has left the queue,
        // so an empty queue seen outside the lock does not mean the graph holds every acknowledged write.
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            byte[] key;
            while ((key = pending.poll()) != null && !closed) {
                apply(key);
            }
            compactIfWorthwhile();
        }
    }

    private void apply(byte[] storageKey) {
        Map<String, AttributeValue> item;
        try (ItemLocks.Held ignored = engine.locks().lock(storageKey)) {
            byte[] stored = engine.storage().get(storageKey);
            item = stored == null ? null : ItemCodec.decode(stored);
        }
        Object[] wanted = item == null ? null : entryOf(storageKey, item);
        ByteBuffer k = ByteBuffer.wrap(storageKey);
        Location at = locations.get(k);
        if (at != null && wanted != null && at.partition().equals(wanted[0])
                && partitions.get(at.partition()).sameVector(at.node(), (float[]) wanted[1])) {
            VectorGraph<Indexed> graph = partitions.get(at.partition());
            bytes.addAndGet(sizeOf((Indexed) wanted[2]) - sizeOf(graph.payload(at.node())));
            graph.update(at.node(), (Indexed) wanted[2]);
            return;
        }
        if (at != null) {
            VectorGraph<Indexed> graph = partitions.get(at.partition());
            bytes.addAndGet(-sizeOf(graph.payload(at.node())));
            graph.remove(at.node());
            locations.remove(k);
        }
        if (wanted != null) {
            AttributeValue partition = (AttributeValue) wanted[0];
            Indexed indexed = (Indexed) wanted[2];
            int node = graph(partition).add((float[]) wanted[1], indexed);
            locations.put(k, new Location(partition, node));
            bytes.addAndGet(sizeOf(indexed));
        }
    }

    private void compactIfWorthwhile() {
        for (VectorGraph<Indexed> graph : partitions.values()) {
            if (graph.removedCount() > 1000 && graph.removedCount() > graph.size() / 4) {
                compaction.writeLock().lock();
                try {
                    graph.compact();
                } finally {
                    compaction.writeLock().unlock();
                }
            }
        }
    }

    /** {partition, vector, Indexed} for an item the index holds, or null when it holds none. */
    private Object[] entryOf(byte[] storageKey, Map<String, AttributeValue> item) {
        VectorIndexDefinition d = definition;
        float[] v;
        try {
            v = Vectors.of(d, item);
        } catch (RuntimeException invalid) {
            return null; // written before the index existed: DynamoDB leaves such items out of the index
        }
        if (v == null || !distance.indexable(v)) {
            return null;
        }
        AttributeValue partition = WHOLE_INDEX;
        if (d.hashAttribute().isPresent()) {
            partition = item.get(d.hashAttribute().get());
            if (partition == null) {
                return null;
            }
        }
        Map<String, AttributeValue> inline = new LinkedHashMap<>();
        for (String a : d.searchAttributes()) {
            AttributeValue value = item.get(a);
            if (value != null) {
                inline.put(a, value);
            }
        }
        return new Object[] {partition, v, new Indexed(storageKey, inline)};
    }

    private VectorGraph<Indexed> graph(AttributeValue partition) {
        return partitions.computeIfAbsent(partition,
                p -> new VectorGraph<>(distance, (int) definition.dimensions()));
    }

    private long sizeOf(Indexed indexed) {
        return definition.dimensions() * Float.BYTES + indexed.storageKey().length
                + ItemSize.of(indexed.inline());
    }

    /** A search's outcome: hits best first, and how many vectors it compared (what it is charged for). */
    record Hits(List<Hit> hits, int visited) {}

    record Hit(byte[] storageKey, double score) {}

    /**
     * The {@code topK} nearest items to {@code query} within {@code partition} (null: the whole index) whose
     * inline attributes pass {@code filter}.
     */
    Hits search(float[] query, AttributeValue partition, Predicate<Map<String, AttributeValue>> filter, int topK) {
        VectorGraph<Indexed> graph = partitions.get(partition == null ? WHOLE_INDEX : partition);
        if (graph == null) {
            return new Hits(List.of(), 0);
        }
        VectorFloat<?> q = VectorGraph.query(distance, query);
        compaction.readLock().lock();
        try {
            SearchResult result = graph.search(q, topK, node -> {
                Indexed i = graph.payload(node);
                return i != null && filter.test(i.inline());
            });
            List<Hit> hits = new ArrayList<>();
            for (SearchResult.NodeScore ns : result.getNodes()) {
                Indexed i = graph.payload(ns.node);
                if (i != null) {
                    hits.add(new Hit(i.storageKey(), graph.score(q, ns.node)));
                }
            }
            return new Hits(hits, result.getVisitedCount());
        } finally {
            compaction.readLock().unlock();
        }
    }

    IndexStats stats() {
        return new IndexStats(locations.size(), bytes.get());
    }

    void redefine(VectorIndexDefinition now) {
        this.definition = now;
    }
}
