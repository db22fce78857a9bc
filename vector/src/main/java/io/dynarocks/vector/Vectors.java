package io.dynarocks.vector;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import java.util.List;
import java.util.Map;

/**
 * How items and requests carry vectors: a list ({@code L}) of numbers ({@code N}), stored at 32-bit
 * float precision as DynamoDB's vector indexes store them. A write whose vector attribute has another
 * type, a non-number element or the wrong number of dimensions is rejected; an item without the
 * attribute is simply not indexed.
 */
public final class Vectors {

    private Vectors() {}

    /** Rejects {@code item} if a vector index of {@code table} could not index it. */
    public static void checkWritable(TableDefinition table, Map<String, AttributeValue> item) {
        for (VectorIndexDefinition index : table.vectorIndexes()) {
            AttributeValue v = item.get(index.vectorAttribute());
            if (v != null) {
                parse(v, index.dimensions(), index.vectorAttribute(), index.indexName());
            }
            for (String a : index.searchAttributes()) {
                AttributeValue value = item.get(a);
                String type = typeOf(table.attributeDefinitions(), a);
                if (value != null && type != null && !type.equals(value.typeName())) {
                    throw DynamoException.validation("One or more parameter values were invalid: Type mismatch for "
                            + "Index Key " + a + " Expected: " + type + " Actual: " + value.typeName() + " IndexName: "
                            + index.indexName());
                }
            }
        }
    }

    /** The item's vector for {@code index}, or null when it has none (and so is not indexed). */
    public static float[] of(VectorIndexDefinition index, Map<String, AttributeValue> item) {
        AttributeValue v = item.get(index.vectorAttribute());
        return v == null ? null : parse(v, index.dimensions(), index.vectorAttribute(), index.indexName());
    }

    /** A SearchVector against an index of {@code dimensions}. */
    public static float[] searchVector(List<AttributeValue> elements, VectorIndexDefinition index) {
        if (elements.size() != index.dimensions()) {
            throw DynamoException.validation("SearchVector dimension mismatch. Expected: " + index.dimensions()
                    + " Actual: " + elements.size() + " IndexName: " + index.indexName());
        }
        float[] out = new float[elements.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(elements.get(i) instanceof AttributeValue.N n)) {
                throw DynamoException.validation("Invalid type for parameter SearchVector[" + i + "], expected: N");
            }
            out[i] = n.value().bigDecimal().floatValue();
        }
        return out;
    }

    private static float[] parse(AttributeValue v, long dimensions, String attribute, String indexName) {
        if (!(v instanceof AttributeValue.L list)) {
            throw DynamoException.validation("One or more parameter values were invalid: Invalid type for parameter "
                    + attribute + ", expected: L of N, actual: " + v.typeName() + " IndexName: " + indexName);
        }
        if (list.values().size() != dimensions) {
            throw DynamoException.validation("One or more parameter values were invalid: Vector dimension mismatch "
                    + "for attribute " + attribute + ". Expected: " + dimensions + " Actual: " + list.values().size()
                    + " IndexName: " + indexName);
        }
        float[] out = new float[list.values().size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.values().get(i) instanceof AttributeValue.N n)) {
                throw DynamoException.validation("One or more parameter values were invalid: Invalid type for "
                        + "parameter " + attribute + "[" + i + "], expected: N, actual: "
                        + list.values().get(i).typeName() + " IndexName: " + indexName);
            }
            out[i] = n.value().bigDecimal().floatValue();
        }
        return out;
    }

    private static String typeOf(List<AttributeDefinition> defs, String name) {
        for (AttributeDefinition d : defs) {
            if (d.attributeName().equals(name)) {
                return d.attributeType();
            }
        }
        return null;
    }
}
