package io.dynarocks.engine.index;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import io.dynarocks.protocol.operation.VectorIndexRules;
import io.dynarocks.protocol.operation.VectorIndexUpdate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * UpdateTable's VectorIndexUpdates applied to a table's definition. A created index starts CREATING and
 * backfilling; whoever keeps vector indexes fills it from the table and marks it ACTIVE.
 */
public final class VectorIndexUpdates {

    private VectorIndexUpdates() {}

    /** Declarations for a new table: ACTIVE at once, since the table is empty. */
    public static List<VectorIndexDefinition> forNewTable(List<VectorIndexDefinition> declared) {
        return declared == null ? List.of()
                : declared.stream().map(v -> v.withStatus("ACTIVE", false)).toList();
    }

    public static TableDefinition apply(TableDefinition table, List<VectorIndexUpdate> updates,
            List<AttributeDefinition> requestDefinitions) {
        if (!table.vectorIndexes().isEmpty() && !table.payPerRequest()) {
            throw DynamoException.validation("One or more parameter values were invalid: Vector indexes are only "
                    + "supported on tables with billing mode PAY_PER_REQUEST");
        }
        if (updates == null || updates.isEmpty()) {
            return table;
        }
        List<VectorIndexDefinition> vectors = new ArrayList<>(table.vectorIndexes());
        List<AttributeDefinition> defs = new ArrayList<>(table.attributeDefinitions());
        for (VectorIndexUpdate u : updates) {
            if (u.create() != null) {
                VectorIndexDefinition v = u.create();
                if (table.index(v.indexName()).isPresent() || table.vectorIndex(v.indexName()).isPresent()) {
                    throw DynamoException.validation("One or more parameter values were invalid: Attempting to create "
                            + "an index which already exists");
                }
                List<AttributeDefinition> merged = GlobalIndexUpdates.mergedDefinitions(defs, requestDefinitions);
                Set<String> names = new HashSet<>();
                table.indexes().stream().map(IndexDefinition::indexName).forEach(names::add);
                vectors.stream().map(VectorIndexDefinition::indexName).forEach(names::add);
                List<VectorIndexDefinition> all = new ArrayList<>(vectors);
                all.add(v);
                VectorIndexRules.check(v, table.billingMode(), table.keySchema(), merged, names, all);
                for (String a : v.searchAttributes()) {
                    if (defs.stream().noneMatch(d -> d.attributeName().equals(a))) {
                        merged.stream().filter(d -> d.attributeName().equals(a)).findFirst().ifPresent(defs::add);
                    }
                }
                vectors.add(v.withStatus("CREATING", true));
            } else if (u.deleteIndexName() != null) {
                VectorIndexDefinition v = table.vectorIndex(u.deleteIndexName()).orElseThrow(() ->
                        DynamoException.resourceNotFound("Requested resource not found: Index: " + u.deleteIndexName()
                                + " not found"));
                vectors.remove(v);
            } else {
                throw DynamoException.validation("One or more parameter values were invalid: One of Create or Delete "
                        + "must be specified in a VectorIndexUpdate");
            }
        }
        return table.withIndexes(table.indexes(), defs).withVectorIndexes(vectors);
    }
}
