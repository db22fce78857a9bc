package io.dynarocks.engine.read;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.DocumentPath;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** DynamoDB's rules on how a read's filter and projection may name key attributes. */
public final class KeyAttributeRules {

    private KeyAttributeRules() {}

    /**
     * A Query filters what its key condition selected, so its filter may not name the key attributes of
     * the table or index it reads.
     *
     * @param parameter "Filter Expression" or "QueryFilter", as DynamoDB names it in the message
     */
    public static void checkFilterAvoidsKeys(ReadTarget target, List<DocumentPath> filterPaths, String parameter) {
        Set<String> named = filterPaths.stream().map(DocumentPath::attribute).collect(Collectors.toSet());
        for (String key : names(target.keySchema())) {
            if (named.contains(key)) {
                throw DynamoException.validation(parameter
                        + " can only contain non-primary key attributes: Primary key attribute: " + key);
            }
        }
    }

    /** Key attributes are scalars: a path may not step into one (table keys are reported before index keys). */
    public static void checkNoNestedKeyPaths(TableDefinition table, List<DocumentPath> paths) {
        Set<String> nested = paths.stream().filter(p -> p.size() > 1).map(DocumentPath::attribute)
                .collect(Collectors.toSet());
        if (nested.isEmpty()) {
            return;
        }
        for (String key : names(table.keySchema())) {
            if (nested.contains(key)) {
                throw notScalar("Key: " + key);
            }
        }
        List<IndexDefinition> indexes = new ArrayList<>(table.indexes());
        indexes.sort((a, b) -> Boolean.compare(b.global(), a.global()));
        for (IndexDefinition index : indexes) {
            for (String key : names(index.keySchema())) {
                if (nested.contains(key)) {
                    throw notScalar("IndexKey: " + key);
                }
            }
        }
    }

    private static List<String> names(KeySchema schema) {
        return schema.hasRange() ? List.of(schema.hashName(), schema.rangeName()) : List.of(schema.hashName());
    }

    private static DynamoException notScalar(String which) {
        return DynamoException.validation(
                "Key attributes must be scalars; list random access '[]' and map lookup '.' are not allowed: " + which);
    }
}
