package io.dynarocks.vector;

import io.dynarocks.protocol.model.VectorIndexDefinition;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorUtil;
import io.github.jbellis.jvector.vector.types.VectorFloat;

/**
 * A vector index's distance function: how vectors are stored, the similarity the graph is built with, and
 * the score SearchVectors reports. DynamoDB's scores: COSINE is the cosine distance (0 identical .. 2
 * opposite, lower is nearer), EUCLIDEAN the Euclidean distance (lower is nearer), DOT_PRODUCT the dot product
 * (higher is nearer).
 *
 * <p>COSINE stores unit vectors and walks the graph by their dot product: the cosine of two unit vectors is
 * their dot product, so the graph and its order are the same, while each comparison (the whole cost of a
 * search) computes one sum instead of the cosine's three.
 */
enum Distance {
    COSINE(VectorSimilarityFunction.DOT_PRODUCT),
    EUCLIDEAN(VectorSimilarityFunction.EUCLIDEAN),
    DOT_PRODUCT(VectorSimilarityFunction.DOT_PRODUCT);

    /** The similarity of two vectors as {@link #stored} keeps them. */
    final VectorSimilarityFunction graphSimilarity;

    Distance(VectorSimilarityFunction graphSimilarity) {
        this.graphSimilarity = graphSimilarity;
    }

    /** {@code v} as the index keeps it (and compares queries in): COSINE's unit vector, else {@code v} itself. */
    float[] stored(float[] v) {
        if (this != COSINE) {
            return v;
        }
        double sum = 0;
        for (float f : v) {
            sum += (double) f * f;
        }
        double norm = Math.sqrt(sum);
        if (norm == 0 || norm == 1) {
            return v;
        }
        float[] unit = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            unit[i] = (float) (v[i] / norm);
        }
        return unit;
    }

    static Distance of(VectorIndexDefinition index) {
        return valueOf(index.distanceFunction());
    }

    /** DynamoDB's score of {@code v} against the query {@code q}, both as {@link #stored} keeps them. */
    double score(VectorFloat<?> q, VectorFloat<?> v) {
        return switch (this) {
            case COSINE -> Math.min(2.0, Math.max(0.0, 1.0 - VectorUtil.dotProduct(q, v)));
            case EUCLIDEAN -> Math.sqrt(VectorUtil.squareL2Distance(q, v));
            case DOT_PRODUCT -> VectorUtil.dotProduct(q, v);
        };
    }

    /** Whether the graph can hold {@code v}: a cosine has no direction to compare for a zero vector. */
    boolean indexable(float[] v) {
        if (this != COSINE) {
            return true;
        }
        for (float f : v) {
            if (f != 0f) {
                return true;
            }
        }
        return false;
    }
}
