package io.dynarocks.engine.partiql;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.KeyCondition;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.expression.Update;
import io.dynarocks.protocol.operation.ConditionCheckRequest;
import io.dynarocks.protocol.operation.DeleteItemRequest;
import io.dynarocks.protocol.operation.PutItemRequest;
import io.dynarocks.protocol.operation.UpdateItemRequest;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A PartiQL statement planned as the engine's own operations, with their expressions already resolved. */
public sealed interface Plan {

    String tableName();

    /**
     * A SELECT: one Query per partition key value when the WHERE clause fixes the partition key (with
     * {@code sortKey}, if any, as the key condition's range), otherwise a Scan.
     *
     * @param partitions the partition key values in query order, or null for a Scan
     * @param fullKey    true when the WHERE clause fixes the whole primary key with equalities, so each
     *                   query reads at most one item (what batches and transactions require)
     * @param keyOnly    true when nothing but those key equalities is in the WHERE clause
     */
    record Select(String tableName, String indexName, String hashName, List<AttributeValue> partitions,
            KeyCondition.Part sortKey, Condition filter, Projection projection, boolean descending, boolean fullKey,
            boolean keyOnly) implements Plan {

        /** The key condition of the query of one partition. */
        public KeyCondition keyCondition(AttributeValue partition) {
            KeyCondition.Part hash = new KeyCondition.Part(hashName, KeyCondition.Operator.EQ, List.of(partition));
            return new KeyCondition(sortKey == null ? List.of(hash) : List.of(hash, sortKey));
        }

        /** The primary key a full-key SELECT reads. */
        public Map<String, AttributeValue> key() {
            return sortKey == null ? Map.of(hashName, partitions.get(0))
                    : Map.of(hashName, partitions.get(0), sortKey.attribute(), sortKey.values().get(0));
        }
    }

    /** An INSERT: a PutItem whose condition fails with DuplicateItemException when the item exists. */
    record Insert(PutItemRequest request, Predicate<Map<String, AttributeValue>> condition) implements Plan {
        public String tableName() {
            return request.tableName();
        }
    }

    /** An UPDATE: an UpdateItem of an existing item, under the WHERE clause's other predicates. */
    record Modify(UpdateItemRequest request, Update update, Predicate<Map<String, AttributeValue>> condition)
            implements Plan {
        public String tableName() {
            return request.tableName();
        }
    }

    /** A DELETE: a DeleteItem under the WHERE clause's other predicates (null for none). */
    record Remove(DeleteItemRequest request, Predicate<Map<String, AttributeValue>> condition) implements Plan {
        public String tableName() {
            return request.tableName();
        }
    }

    /**
     * An {@code EXISTS(SELECT ...)} of ExecuteTransaction: TransactWriteItems' ConditionCheck of one item,
     * which holds when the item exists and meets {@code condition}.
     */
    record Check(ConditionCheckRequest request, Predicate<Map<String, AttributeValue>> condition) implements Plan {
        public String tableName() {
            return request.tableName();
        }
    }
}
