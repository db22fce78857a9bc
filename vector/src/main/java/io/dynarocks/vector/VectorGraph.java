package io.dynarocks.vector;

import io.github.jbellis.jvector.graph.GraphIndexBuilder;
import io.github.jbellis.jvector.graph.GraphSearcher;
import io.github.jbellis.jvector.graph.SearchResult;
import io.github.jbellis.jvector.graph.similarity.BuildScoreProvider;
import io.github.jbellis.jvector.graph.similarity.DefaultSearchScoreProvider;
import io.github.jbellis.jvector.util.Bits;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntPredicate;

/**
 * One approximate-nearest-neighbour graph (jvector's HNSW-style graph) over the vectors of a vector index,
 * or of one of its partitions. Nodes are added and removed while searches run; each node carries a payload
 * (the item it stands for).
 */
final class VectorGraph<P> {

    /** Graph degree and construction beam: jvector's usual values (bench/RESULTS.md has the recall). */
    static final int MAX_DEGREE = 16;
    static final int BEAM_WIDTH = 100;
    /** How many candidates a search keeps at least: wider than TopK keeps recall high. */
    static final int SEARCH_BEAM = 80;

    private final Distance distance;
    private final VectorStore vectors;
    private final GraphIndexBuilder builder;
    private final ConcurrentHashMap<Integer, P> live = new ConcurrentHashMap<>();
    private int removed;

    VectorGraph(Distance distance, int dimension) {
        this.distance = distance;
        this.vectors = new VectorStore(dimension);
        this.builder = new GraphIndexBuilder(
                BuildScoreProvider.randomAccessScoreProvider(vectors, distance.graphSimilarity), dimension,
                MAX_DEGREE, BEAM_WIDTH, 1.2f, 1.2f, true);
    }

    /**
     * Stores {@code v} as the distance keeps it ({@link Distance#stored}) without linking it yet (see
     * {@link #link}); returns its node.
     */
    int append(float[] v, P payload) {
        int node = vectors.add(distance.stored(v));
        live.put(node, payload);
        return node;
    }

    /** Links an appended node into the graph; nodes may be linked from several threads at once. */
    void link(int node) {
        builder.addGraphNode(node, vectors.getVector(node));
    }

    int add(float[] v, P payload) {
        int node = append(v, payload);
        link(node);
        return node;
    }

    void remove(int node) {
        if (live.remove(node) != null) {
            builder.markNodeDeleted(node);
            removed++;
        }
    }

    /** Replaces the payload of a live node (its inline filter attributes changed, its vector did not). */
    void update(int node, P payload) {
        live.replace(node, payload);
    }

    P payload(int node) {
        return live.get(node);
    }

    VectorFloat<?> vector(int node) {
        return vectors.getVector(node);
    }

    boolean sameVector(int node, float[] v) {
        VectorFloat<?> stored = vectors.getVector(node);
        v = distance.stored(v);
        for (int i = 0; i < v.length; i++) {
            if (stored.get(i) != v[i]) {
                return false;
            }
        }
        return true;
    }

    int size() {
        return live.size();
    }

    /** Removed nodes still in the graph (they keep routing searches until {@link #compact}ed). */
    int removedCount() {
        return removed;
    }

    /** Drops removed nodes from the graph; call while no search runs. */
    void compact() {
        builder.removeDeletedNodes();
        removed = 0;
    }

    /** {@code query} as {@link #search} and {@link #score} take it: in the form the vectors are stored. */
    static VectorFloat<?> query(Distance distance, float[] query) {
        return VectorStore.TYPES.createFloatVector(distance.stored(query));
    }

    /**
     * The {@code topK} nodes nearest to {@code query} (made by {@link #query}) among those {@code accept}
     * admits (a filter applied during the walk, so TopK results still come back when it excludes near
     * neighbours).
     */
    SearchResult search(VectorFloat<?> query, int topK, IntPredicate accept) {
        if (live.isEmpty()) {
            return new SearchResult(new SearchResult.NodeScore[0], 0, 0, 0, 0, 0f);
        }
        Bits bits = node -> live.containsKey(node) && accept.test(node);
        try (GraphSearcher searcher = new GraphSearcher(builder.getGraph())) {
            return searcher.search(DefaultSearchScoreProvider.exact(query, distance.graphSimilarity, vectors), topK,
                    Math.max(topK, SEARCH_BEAM), 0f, 0f, bits);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** DynamoDB's score of {@code node} for a query made by {@link #query}. */
    double score(VectorFloat<?> query, int node) {
        return distance.score(query, vectors.getVector(node));
    }

    long ramBytesUsed() {
        return builder.getGraph() instanceof io.github.jbellis.jvector.graph.OnHeapGraphIndex g
                ? g.ramBytesUsed() : 0;
    }
}
