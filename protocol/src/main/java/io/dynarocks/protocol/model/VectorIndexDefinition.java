package io.dynarocks.protocol.model;

import java.util.List;
import java.util.Optional;

/**
 * A vector index: the attribute holding each item's embedding, its dimensions and distance function,
 * what the index projects and its search schema. Also its catalog record: {@code status} is
 * {@code CREATING} while an index added to a populated table is backfilled, then {@code ACTIVE}.
 */
public record VectorIndexDefinition(String indexName, String vectorAttribute, long dimensions,
        String distanceFunction, IndexProjection projection, List<SearchSchemaElement> searchSchema, String status,
        boolean backfilling) {

    public static final String COSINE = "COSINE";
    public static final String EUCLIDEAN = "EUCLIDEAN";
    public static final String DOT_PRODUCT = "DOT_PRODUCT";

    public VectorIndexDefinition {
        searchSchema = searchSchema == null ? null : List.copyOf(searchSchema);
    }

    /** The vector-index partition key, if the search schema declares one. */
    public Optional<String> hashAttribute() {
        return searchSchema == null ? Optional.empty()
                : searchSchema.stream().filter(SearchSchemaElement::isHash).map(SearchSchemaElement::attributeName)
                        .findFirst();
    }

    /** The search schema's attribute names (partition key and inline filters). */
    public List<String> searchAttributes() {
        return searchSchema == null ? List.of() : searchSchema.stream().map(SearchSchemaElement::attributeName).toList();
    }

    public boolean usesInSearchSchema(String attribute) {
        return searchAttributes().contains(attribute);
    }

    public VectorIndexDefinition withStatus(String newStatus, boolean nowBackfilling) {
        return new VectorIndexDefinition(indexName, vectorAttribute, dimensions, distanceFunction, projection,
                searchSchema, newStatus, nowBackfilling);
    }

    /** Searchable: ACTIVE and not backfilling. */
    public boolean searchable() {
        return "ACTIVE".equals(status) && !backfilling;
    }
}
