package io.dynarocks.vector;

import io.dynarocks.protocol.model.VectorIndexDefinition;
import io.github.jbellis.jvector.vector.VectorSimilarityFunction;
import io.github.jbellis.jvector.vector.VectorUtil;
import io.github.jbellis.jvector.vector.types.VectorFloat;

/**
 * A vector index's distance function: the similarity the graph is built with, and the score SearchVectors
 * reports. DynamoDB's scores: COSINE is the cosine distance (0 identical .. 2 opposite, lower is nearer),
 * EUCLIDEAN the Euclidean distance (lower is nearer), DOT_PRODUCT the dot product (higher is nearer).
 */
enum Distance {
    COSINE(VectorSimilarityFunction.COSINE),
    EUCLIDEAN(VectorSimilarityFunction.EUCLIDEAN),
    DOT_PRODUCT(VectorSimilarityFunction.DOT_PRODUCT);

    final VectorSimilarityFunction similarity;

    Distance(VectorSimilarityFunction similarity) {
        this.similarity = similarity;
    }

    static Distance of(VectorIndexDefinition index) {
        return valueOf(index.distanceFunction());
    }

    /** DynamoDB's score of {@code v} against the query {@code q}. */
    double score(VectorFloat<?> q, VectorFloat<?> v) {
        return switch (this) {
            case COSINE -> 1.0 - VectorUtil.cosine(q, v);
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
