package io.dynarocks.engine.operation;

import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.PrimaryKey;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.model.TableDefinition;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A planned single-item write, validated but not yet run: which item, the condition on its old
 * item, and how the new item follows from the old. PutItem, UpdateItem and DeleteItem plan one;
 * ReadModifyWrite runs it alone, TransactWriteItems runs many at once.
 *
 * @param condition tested against the old item (an empty map when absent); null for none
 * @param change    maps the old item (empty when absent) to the new item, or to null to delete;
 *                  null for a condition check, which writes nothing
 * @param sizeError DynamoDB's message when the new item exceeds 400 KB; null when the new item is the
 *                  request's own item, already checked while the request was validated
 */
public record ItemWrite(TableDefinition table, PrimaryKey key, Predicate<Map<String, AttributeValue>> condition,
        boolean returnOldOnFailure, UnaryOperator<Map<String, AttributeValue>> change, String sizeError) {

    /** The item's key in storage. */
    public byte[] storageKey() {
        return ItemKeys.key(table.storageId(), ItemKeys.BASE_TABLE, key);
    }

    /** False for a condition check. */
    public boolean writes() {
        return change != null;
    }

    /**
     * The new item given the old one (null when absent): null to delete, the old item itself for a
     * condition check. Throws ConditionalCheckFailedException, or a ValidationException when the
     * result is invalid (e.g. too large, or an update operand of the wrong type).
     */
    public Map<String, AttributeValue> newItem(Map<String, AttributeValue> old) {
        Map<String, AttributeValue> current = old == null ? Map.of() : old;
        if (condition != null && !condition.test(current)) {
            throw DynamoException.conditionalCheckFailed(returnOldOnFailure ? old : null);
        }
        if (change == null) {
            return old;
        }
        Map<String, AttributeValue> updated = change.apply(current);
        if (sizeError != null && updated != null && ItemSize.of(updated) > ItemSize.MAX_ITEM_BYTES) {
            throw DynamoException.validation(sizeError);
        }
        return updated;
    }
}
