package io.dynarocks.engine.read;

import io.dynarocks.engine.expression.ConditionEvaluator;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.KeyCondition;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.storage.Bytes;
import io.dynarocks.storage.KeyRange;
import java.util.Arrays;
import java.util.Map;

/**
 * Checks a Query's key condition against the key schema it reads (DynamoDB's messages) and turns it into
 * the one storage range it covers: the partition's prefix, narrowed by the sort key condition.
 */
public final class KeyConditionRange {

    private KeyConditionRange() {}

    public static KeyRange of(ReadTarget target, KeyCondition condition) {
        KeySchema schema = target.keySchema();
        KeyCondition.Part hash = condition.part(schema.hashName());
        if (hash == null) {
            throw DynamoException.validation("Query condition missed key schema element: " + schema.hashName());
        }
        if (hash.operator() != KeyCondition.Operator.EQ) {
            throw DynamoException.validation("Query key condition not supported");
        }
        KeyCondition.Part range = null;
        for (KeyCondition.Part p : condition.parts()) {
            if (p == hash) {
                continue;
            }
            if (!schema.hasRange() || !p.attribute().equals(schema.rangeName())) {
                throw DynamoException.validation("Query key condition not supported");
            }
            range = p;
        }
        checkTypes(hash, schema.hashType());
        KeyRange partition = ItemKeys.partition(target.table().storageId(), target.indexId(), hash.values().get(0));
        if (range == null) {
            return partition;
        }
        checkTypes(range, schema.rangeType());
        return narrow(partition, range);
    }

    /**
     * An ExclusiveStartKey must lie within what the key condition selects (checked after the key itself
     * was validated); DynamoDB's messages, including its one-row message for a foreign partition when
     * the sort key condition holds.
     */
    public static void checkStart(ReadTarget target, KeyCondition condition, Map<String, AttributeValue> start) {
        KeySchema schema = target.keySchema();
        KeyCondition.Part range = schema.hasRange() ? condition.part(schema.rangeName()) : null;
        if (range != null && !ConditionEvaluator.test(range.toCondition(), start)) {
            throw DynamoException.validation("The provided starting key does not match the range key predicate");
        }
        if (!condition.part(schema.hashName()).values().get(0).equals(start.get(schema.hashName()))) {
            throw DynamoException.validation(range != null
                    ? "The query can return at most one row and cannot be restarted"
                    : "The provided starting key is outside query boundaries based on provided conditions");
        }
    }

    private static void checkTypes(KeyCondition.Part part, String type) {
        for (AttributeValue v : part.values()) {
            if (!v.typeName().equals(type)) {
                throw DynamoException.validation(
                        "One or more parameter values were invalid: Condition parameter type does not match schema type");
            }
        }
        if (part.operator() == KeyCondition.Operator.BEGINS_WITH && type.equals("N")) {
            throw DynamoException.validation("Invalid KeyConditionExpression: Incorrect operand type for operator or "
                    + "function; operator or function: begins_with, operand type: N");
        }
    }

    private static KeyRange narrow(KeyRange partition, KeyCondition.Part range) {
        byte[] p = partition.from();
        byte[] end = partition.to();
        byte[] at = Bytes.concat(p, ItemKeys.encode(range.values().get(0)));
        switch (range.operator()) {
            case EQ:
                return KeyRange.prefix(at);
            case LT:
                return new KeyRange(p, at);
            case LE:
                return new KeyRange(p, Bytes.prefixEnd(at));
            case GT:
                return new KeyRange(Bytes.prefixEnd(at), end);
            case GE:
                return new KeyRange(at, end);
            case BETWEEN:
                return new KeyRange(at, Bytes.prefixEnd(Bytes.concat(p, ItemKeys.encode(range.values().get(1)))));
            default:
                // Strings and binaries end with a two-byte terminator; without it the encoding is a byte
                // prefix of the encoding of every value starting with the same characters.
                return KeyRange.prefix(Arrays.copyOf(at, at.length - 2));
        }
    }
}
