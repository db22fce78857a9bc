package io.dynarocks.protocol.expression;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import java.util.ArrayList;
import java.util.List;

/** Restricts a resolved condition to what KeyConditionExpression allows, with DynamoDB's messages. */
final class KeyConditionResolver {

    private final List<KeyCondition.Part> parts = new ArrayList<>();

    static KeyCondition resolve(Condition condition) {
        KeyConditionResolver r = new KeyConditionResolver();
        r.visit(condition);
        return new KeyCondition(r.parts);
    }

    private void visit(Condition c) {
        if (c instanceof Condition.And and) {
            visit(and.left());
            visit(and.right());
            return;
        }
        if (c instanceof Condition.Or) {
            throw invalidOperator("OR");
        }
        if (c instanceof Condition.Not) {
            throw invalidOperator("NOT");
        }
        if (c instanceof Condition.In) {
            throw invalidOperator("IN");
        }
        if (c instanceof Condition.AttributeExists) {
            throw invalidOperator("attribute_exists");
        }
        if (c instanceof Condition.AttributeNotExists) {
            throw invalidOperator("attribute_not_exists");
        }
        if (c instanceof Condition.AttributeType) {
            throw invalidOperator("attribute_type");
        }
        if (c instanceof Condition.Contains) {
            throw invalidOperator("contains");
        }
        if (c instanceof Condition.Comparison cmp) {
            if (cmp.op() == Comparator.NE) {
                throw invalidOperator("<>");
            }
            boolean keyFirst = key(List.of(cmp.left(), cmp.right())) == 0;
            Comparator op = keyFirst ? cmp.op() : cmp.op().flipped();
            Operand value = keyFirst ? cmp.right() : cmp.left();
            add(keyFirst ? cmp.left() : cmp.right(), KeyCondition.Operator.valueOf(op.name()), List.of(value));
        } else if (c instanceof Condition.Between b) {
            if (!(b.value() instanceof Operand.Path)) {
                throw invalidCondition("BETWEEN operator must have the key attribute as its first operand");
            }
            key(List.of(b.value(), b.low(), b.high()));
            add(b.value(), KeyCondition.Operator.BETWEEN, List.of(b.low(), b.high()));
        } else if (c instanceof Condition.BeginsWith bw) {
            if (!(bw.subject() instanceof Operand.Path)) {
                throw invalidCondition("begins_with operator must have the key attribute as its first operand");
            }
            key(List.of(bw.subject(), bw.prefix()));
            add(bw.subject(), KeyCondition.Operator.BEGINS_WITH, List.of(bw.prefix()));
        }
    }

    /** The index of the single key path among the operands. */
    private static int key(List<Operand> operands) {
        int at = -1;
        for (int i = 0; i < operands.size(); i++) {
            Operand o = operands.get(i);
            if (o instanceof Operand.Size) {
                throw DynamoException.validation("KeyConditionExpressions cannot contain nested operations");
            }
            if (o instanceof Operand.Path p) {
                if (at >= 0) {
                    throw invalidCondition("Multiple attribute names used in one condition");
                }
                if (p.path().size() > 1) {
                    throw DynamoException.validation("KeyConditionExpressions cannot have conditions on nested attributes");
                }
                at = i;
            }
        }
        if (at < 0) {
            throw invalidCondition("No key attribute specified");
        }
        return at;
    }

    private void add(Operand key, KeyCondition.Operator op, List<Operand> operands) {
        String attribute = ((Operand.Path) key).path().attribute();
        for (KeyCondition.Part p : parts) {
            if (p.attribute().equals(attribute)) {
                throw DynamoException.validation("KeyConditionExpressions must only contain one condition per key");
            }
        }
        List<AttributeValue> values = new ArrayList<>();
        for (Operand o : operands) {
            values.add(((Operand.Value) o).value());
        }
        parts.add(new KeyCondition.Part(attribute, op, values));
    }

    private static DynamoException invalidOperator(String operator) {
        return DynamoException.validation("Invalid operator used in KeyConditionExpression: " + operator);
    }

    private static DynamoException invalidCondition(String detail) {
        return DynamoException.validation("Invalid condition in KeyConditionExpression: " + detail);
    }
}
