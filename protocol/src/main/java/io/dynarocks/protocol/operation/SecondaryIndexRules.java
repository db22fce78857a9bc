package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.KeySchemaElement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** DynamoDB's rules for secondary index declarations (CreateTable and UpdateTable), with its messages and limits. */
public final class SecondaryIndexRules {

    public static final int MAX_GSIS = 20;
    public static final int MAX_LSIS = 5;
    public static final int MAX_PROJECTED_ATTRIBUTES = 100;

    private SecondaryIndexRules() {}

    /** Member constraints of an index list, e.g. {@code globalSecondaryIndexes}. */
    static void constrain(Constraints c, List<SecondaryIndexSpec> specs, String member) {
        if (specs == null) {
            return;
        }
        for (int i = 0; i < specs.size(); i++) {
            constrain(c, specs.get(i), member + "." + (i + 1) + ".member.");
        }
    }

    /** Member constraints of one index declaration whose members are at {@code at} (ending with a dot). */
    static void constrain(Constraints c, SecondaryIndexSpec s, String at) {
        c.tableName(s.indexName(), at + "indexName");
        c.notNull(s.keySchema(), at + "keySchema");
        SchemaConstraints.keySchema(c, s.keySchema(), at + "keySchema");
        c.notNull(s.projection(), at + "projection");
        if (s.projection() != null) {
            c.oneOf(s.projection().projectionType(), at + "projection.projectionType", "ALL", "INCLUDE",
                    "KEYS_ONLY");
            c.size(s.projection().nonKeyAttributes(), 1, 20, at + "projection.nonKeyAttributes");
        }
        ThroughputRules.constraints(c, s.provisionedThroughput(), at + "provisionedThroughput");
    }

    /** Checks CreateTable's indexes against the table's key schema and attribute definitions. */
    static void check(KeySchema table, List<AttributeDefinition> defs, List<SecondaryIndexSpec> gsis,
            List<SecondaryIndexSpec> lsis) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> used = new LinkedHashSet<>(List.of(table.hashName()));
        if (table.hasRange()) {
            used.add(table.rangeName());
        }
        int projected = 0;
        if (lsis != null) {
            if (lsis.isEmpty()) {
                throw invalid("List of LocalSecondaryIndexes is empty");
            }
            if (!table.hasRange()) {
                throw invalid("Table KeySchema does not have a range key, which is required when specifying a "
                        + "LocalSecondaryIndex");
            }
            for (SecondaryIndexSpec s : lsis) {
                KeySchema k = checkIndex(s, defs, names);
                if (!k.hasRange()) {
                    throw invalid("Index KeySchema does not have a range key for index: " + s.indexName());
                }
                if (!k.hashName().equals(table.hashName())) {
                    throw invalid("Index KeySchema does not have the same leading hash key as table KeySchema for "
                            + "index: " + s.indexName() + ". index hash key: " + k.hashName() + ", table hash key: "
                            + table.hashName());
                }
                used.add(k.rangeName());
                projected += projectedCount(s);
            }
            if (lsis.size() > MAX_LSIS) {
                throw invalid("Number of LocalSecondaryIndexes exceeds per-table limit of " + MAX_LSIS);
            }
        }
        if (gsis != null) {
            if (gsis.isEmpty()) {
                throw invalid("List of GlobalSecondaryIndexes is empty");
            }
            for (SecondaryIndexSpec s : gsis) {
                KeySchema k = checkIndex(s, defs, names);
                used.add(k.hashName());
                if (k.hasRange()) {
                    used.add(k.rangeName());
                }
                projected += projectedCount(s);
            }
            if (gsis.size() > MAX_GSIS) {
                throw invalid("GlobalSecondaryIndex count exceeds the per-table limit of " + MAX_GSIS);
            }
        }
        checkProjectedLimit(projected);
        List<String> defined = defs.stream().map(AttributeDefinition::attributeName).toList();
        if (!used.containsAll(defined) || defined.size() != used.size()) {
            throw invalid("Some AttributeDefinitions are not used. AttributeDefinitions: " + defined
                    + ", keys used: " + new ArrayList<>(used));
        }
    }

    /**
     * Checks one index declaration (key schema, projection, unique name among {@code names}, to which it is
     * added) and resolves its key schema.
     */
    public static KeySchema checkIndex(SecondaryIndexSpec s, List<AttributeDefinition> defs, Set<String> names) {
        List<KeySchemaElement> keys = s.keySchema();
        List<String> keyNames = keys.stream().map(KeySchemaElement::attributeName).toList();
        List<String> defined = defs.stream().map(AttributeDefinition::attributeName).toList();
        if (!defined.containsAll(keyNames)) {
            throw invalid("Some index key attributes are not defined in AttributeDefinitions. Keys: " + keyNames
                    + ", AttributeDefinitions: " + defined);
        }
        KeySchema schema = CreateTableRequest.keySchemaOf(keys, defs);
        String type = s.projection().projectionType();
        if (type == null) {
            throw invalid("Unknown ProjectionType: null");
        }
        if (s.projection().nonKeyAttributes() != null && !type.equals("INCLUDE")) {
            throw invalid("ProjectionType is " + type + ", but NonKeyAttributes is specified");
        }
        if (!names.add(s.indexName())) {
            throw invalid("Duplicate index name: " + s.indexName());
        }
        return schema;
    }

    /** The limit on non-key attributes projected into all of a table's indexes together. */
    public static void checkProjectedLimit(int projected) {
        if (projected > MAX_PROJECTED_ATTRIBUTES) {
            throw invalid("The number of projected attributes in all indexes (" + projected
                    + ") exceeds the limit of " + MAX_PROJECTED_ATTRIBUTES);
        }
    }

    public static int projectedCount(SecondaryIndexSpec s) {
        return s.projection().nonKeyAttributes() == null ? 0 : s.projection().nonKeyAttributes().size();
    }

    private static DynamoException invalid(String detail) {
        return DynamoException.validation("One or more parameter values were invalid: " + detail);
    }
}
