package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.SearchSchemaElement;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * DynamoDB's rules for vector index declarations (CreateTable's {@code VectorIndexes}, UpdateTable's
 * {@code VectorIndexUpdates}): on-demand tables only, search-schema attributes declared in
 * AttributeDefinitions, one vector-index partition key, and indexes sharing a vector attribute agreeing
 * on its dimensions.
 */
public final class VectorIndexRules {

    public static final long MAX_DIMENSIONS = 4096;

    private VectorIndexRules() {}

    /** Member constraints of one declaration at {@code at} (e.g. {@code vectorIndexes.1.member.}). */
    static void constrain(Constraints c, VectorIndexDefinition v, String at) {
        c.tableName(v.indexName(), at + "indexName");
        c.notNull(v.vectorAttribute(), at + "vectorAttribute");
        c.length(v.vectorAttribute(), 1, 255, at + "vectorAttribute.attributeName");
        c.range(v.dimensions(), 1, Long.MAX_VALUE, at + "dimensions");
        c.notNull(v.distanceFunction(), at + "distanceFunction");
        c.oneOf(v.distanceFunction(), at + "distanceFunction", VectorIndexDefinition.COSINE,
                VectorIndexDefinition.DOT_PRODUCT, VectorIndexDefinition.EUCLIDEAN);
        c.notNull(v.projection(), at + "projection");
        if (v.projection() != null) {
            c.oneOf(v.projection().projectionType(), at + "projection.projectionType", "ALL", "INCLUDE", "KEYS_ONLY");
            c.size(v.projection().nonKeyAttributes(), 1, 20, at + "projection.nonKeyAttributes");
        }
        c.size(v.searchSchema(), 1, Integer.MAX_VALUE, at + "searchSchema");
        if (v.searchSchema() != null) {
            for (int i = 0; i < v.searchSchema().size(); i++) {
                SearchSchemaElement e = v.searchSchema().get(i);
                String member = at + "searchSchema." + (i + 1) + ".member.";
                c.notNull(e.attributeName(), member + "attributeName");
                c.notNull(e.type(), member + "searchSchemaElementType");
                c.oneOf(e.type(), member + "searchSchemaElementType", SearchSchemaElement.HASH,
                        SearchSchemaElement.INLINE_FILTER);
            }
        }
    }

    /** Member constraints of UpdateTable's {@code VectorIndexUpdates}. */
    static void constrainUpdates(Constraints c, List<VectorIndexUpdate> updates) {
        if (updates == null) {
            return;
        }
        for (int i = 0; i < updates.size(); i++) {
            VectorIndexUpdate u = updates.get(i);
            String at = "vectorIndexUpdates." + (i + 1) + ".member.";
            if (u.create() != null) {
                constrain(c, u.create(), at + "create.");
            }
            if (u.deleteIndexName() != null) {
                c.tableName(u.deleteIndexName(), at + "delete.indexName");
            }
        }
    }

    /**
     * Checks a new vector index against the table it joins: billing mode, attribute definitions, names in
     * use (secondary and vector indexes alike) and the vector indexes it will sit beside.
     */
    public static void check(VectorIndexDefinition v, String billingMode, KeySchema table,
            List<AttributeDefinition> defs, Set<String> indexNamesInUse, Collection<VectorIndexDefinition> others) {
        if (!"PAY_PER_REQUEST".equals(billingMode)) {
            throw invalid("Vector indexes are only supported on tables with billing mode PAY_PER_REQUEST");
        }
        if (v.dimensions() > MAX_DIMENSIONS) {
            throw invalid("Dimensions must be between 1 and " + MAX_DIMENSIONS + " for vector index: "
                    + v.indexName());
        }
        if (v.projection().nonKeyAttributes() != null && !"INCLUDE".equals(v.projection().projectionType())) {
            throw invalid("ProjectionType is " + v.projection().projectionType() + ", but NonKeyAttributes is specified");
        }
        if (table.isKeyAttribute(v.vectorAttribute())) {
            throw invalid("Vector attribute cannot be a key attribute of the table: " + v.vectorAttribute());
        }
        if (v.searchSchema() != null) {
            long hashes = v.searchSchema().stream().filter(SearchSchemaElement::isHash).count();
            if (hashes > 1) {
                throw invalid("SearchSchema can have at most one element of type HASH");
            }
            List<String> names = v.searchAttributes();
            if (names.stream().distinct().count() != names.size()) {
                throw invalid("Duplicate attribute in SearchSchema");
            }
            if (names.contains(v.vectorAttribute())) {
                throw invalid("Vector attribute cannot be part of the SearchSchema: " + v.vectorAttribute());
            }
            for (String name : names) {
                if (defs == null || defs.stream().noneMatch(d -> d.attributeName().equals(name))) {
                    throw DynamoException.validation("One element in SearchSchema is not defined in attribute "
                            + "definitions");
                }
            }
        }
        if (!indexNamesInUse.add(v.indexName())) {
            throw invalid("Duplicate index name: " + v.indexName());
        }
        for (VectorIndexDefinition o : others) {
            if (o != v && o.vectorAttribute().equals(v.vectorAttribute()) && o.dimensions() != v.dimensions()) {
                throw invalid("Vector indexes on the same attribute must have the same number of dimensions. "
                        + "Attribute: " + v.vectorAttribute() + ", dimensions: " + o.dimensions() + " and "
                        + v.dimensions());
            }
        }
    }

    private static DynamoException invalid(String detail) {
        return DynamoException.validation("One or more parameter values were invalid: " + detail);
    }
}
