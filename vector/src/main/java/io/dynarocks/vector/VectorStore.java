package io.dynarocks.vector;

import io.github.jbellis.jvector.graph.RandomAccessVectorValues;
import io.github.jbellis.jvector.vector.VectorizationProvider;
import io.github.jbellis.jvector.vector.types.VectorFloat;
import io.github.jbellis.jvector.vector.types.VectorTypeSupport;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The vectors of one graph by ordinal, appended while searches read them: chunks that never move, so a
 * reader needs no lock. A removed node's vector is kept (the graph may still route through it until
 * cleaned up).
 */
final class VectorStore implements RandomAccessVectorValues {

    static final VectorTypeSupport TYPES = VectorizationProvider.getInstance().getVectorTypeSupport();
    private static final int CHUNK_BITS = 12;
    private static final int CHUNK = 1 << CHUNK_BITS;

    private final int dimension;
    private volatile AtomicReferenceArray<VectorFloat<?>[]> chunks = new AtomicReferenceArray<>(16);
    private volatile int size;

    VectorStore(int dimension) {
        this.dimension = dimension;
    }

    /** Appends {@code v}; returns its ordinal. Callers append from one thread at a time. */
    synchronized int add(float[] v) {
        int ordinal = size;
        int c = ordinal >>> CHUNK_BITS;
        if (c >= chunks.length()) {
            AtomicReferenceArray<VectorFloat<?>[]> grown = new AtomicReferenceArray<>(chunks.length() * 2);
            for (int i = 0; i < chunks.length(); i++) {
                grown.set(i, chunks.get(i));
            }
            chunks = grown;
        }
        VectorFloat<?>[] chunk = chunks.get(c);
        if (chunk == null) {
            chunk = new VectorFloat<?>[CHUNK];
            chunks.set(c, chunk);
        }
        chunk[ordinal & (CHUNK - 1)] = TYPES.createFloatVector(v);
        size = ordinal + 1;
        return ordinal;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public VectorFloat<?> getVector(int ordinal) {
        return chunks.get(ordinal >>> CHUNK_BITS)[ordinal & (CHUNK - 1)];
    }

    @Override
    public boolean isValueShared() {
        return false;
    }

    @Override
    public RandomAccessVectorValues copy() {
        return this;
    }
}
