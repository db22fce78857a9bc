package io.dynarocks.vector;

import io.dynarocks.engine.expression.ConditionEvaluator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.Comparator;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.DocumentPath;
import io.dynarocks.protocol.expression.Operand;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a SearchConditionExpression asks of a vector index: the value of its vector-index partition key,
 * and equality filters on its inline filter attributes. DynamoDB accepts only {@code attribute = :value}
 * terms joined by AND, on attributes of the index's search schema. The filters stay a parsed condition,
 * tested by the same evaluator as every other expression.
 */
record SearchFilter(AttributeValue partition, Predicate<Map<String, AttributeValue>> inline) {

    static final SearchFilter NONE = new SearchFilter(null, item -> true);

    /** Checks {@code condition} (null: none given) against {@code index}'s search schema. */
    static SearchFilter of(Condition condition, VectorIndexDefinition index) {
        String hash = index.hashAttribute().orElse(null);
        if (condition == null) {
            if (hash != null) {
                throw missingHash();
            }
            return NONE;
        }
        List<Condition> terms = new ArrayList<>();
        flatten(condition, terms);
        AttributeValue partition = null;
        Condition filters = null;
        for (Condition term : terms) {
            if (!(term instanceof Condition.Comparison c)) {
                throw DynamoException.validation("Invalid operator used in SearchConditionExpression");
            }
            if (c.op() != Comparator.EQ) {
                throw DynamoException.validation("Invalid comparator used in SearchConditionExpression");
            }
            String attribute = attribute(c.left(), c.right());
            AttributeValue value = value(c.left(), c.right());
            if (attribute == null || value == null) {
                throw DynamoException.validation("Invalid operand used in SearchConditionExpression: a condition "
                        + "compares an attribute of the SearchSchema with a value");
            }
            if (!index.usesInSearchSchema(attribute)) {
                throw DynamoException.validation("SearchConditionExpression can only refer to attributes in the "
                        + "SearchSchema of the vector index: " + attribute);
            }
            if (attribute.equals(hash)) {
                if (partition != null) {
                    throw DynamoException.validation("SearchConditionExpression refers to the HASH key more than once");
                }
                partition = value;
            } else {
                filters = filters == null ? term : new Condition.And(filters, term);
            }
        }
        if (hash != null && partition == null) {
            throw missingHash();
        }
        Condition test = filters;
        return new SearchFilter(partition, test == null ? item -> true : item -> ConditionEvaluator.test(test, item));
    }

    private static void flatten(Condition c, List<Condition> out) {
        if (c instanceof Condition.And and) {
            flatten(and.left(), out);
            flatten(and.right(), out);
        } else {
            out.add(c);
        }
    }

    private static String attribute(Operand a, Operand b) {
        Operand path = a instanceof Operand.Path ? a : b instanceof Operand.Path ? b : null;
        if (path == null) {
            return null;
        }
        DocumentPath p = ((Operand.Path) path).path();
        return p.elements().size() == 1 ? ((DocumentPath.Name) p.elements().get(0)).name() : null;
    }

    private static AttributeValue value(Operand a, Operand b) {
        return a instanceof Operand.Value v ? v.value() : b instanceof Operand.Value v ? v.value() : null;
    }

    private static DynamoException missingHash() {
        return DynamoException.validation("SearchConditionExpression must be provided when SearchSchema has a HASH key");
    }
}
