package io.dynarocks.vector;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.operation.SearchVectorsRequest;

/**
 * The vector module wired into a server: its change hook, the SearchVectors action, DescribeTable's
 * counts, and the rebuild of every vector index from its table at start-up (searches wait for it).
 */
public final class VectorSearch implements AutoCloseable {

    /** Held so the level set below stays (java.util.logging keeps loggers weakly). */
    private static final java.util.logging.Logger JVECTOR_LOG = java.util.logging.Logger.getLogger("io.github.jbellis.jvector");

    private final VectorIndexes indexes;

    private VectorSearch(VectorIndexes indexes) {
        this.indexes = indexes;
    }

    public static VectorSearch install(Engine engine, OperationRegistry registry) {
        // jvector reports through java.util.logging, on stderr by default: on Java 17 it warns on first use
        // that it falls back from the incubating Vector API to plain Java. That is expected here (the bench
        // measures with it), so only its errors are shown.
        JVECTOR_LOG.setLevel(java.util.logging.Level.SEVERE);
        VectorIndexes indexes = new VectorIndexes(engine);
        engine.addHook(new VectorMaintenance(engine.catalog(), indexes));
        engine.vectorIndexStatistics(indexes::stats);
        registry.register("SearchVectors", SearchVectorsRequest::decode, new SearchVectorsOperation(engine, indexes));
        indexes.reconcileLater();
        return new VectorSearch(indexes);
    }

    /** Stops the background threads; call before the engine closes. */
    @Override
    public void close() {
        indexes.close();
    }
}
