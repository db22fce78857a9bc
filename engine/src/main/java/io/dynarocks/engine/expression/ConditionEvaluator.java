package io.dynarocks.engine.expression;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoNumber;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.Operand;
import io.dynarocks.protocol.expression.ValueOrder;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Map;

/**
 * Evaluates a resolved {@link Condition} against an item (empty for a missing item). As in DynamoDB,
 * comparing values of different types, or with a missing attribute, is false, never an error.
 */
public final class ConditionEvaluator {

    private ConditionEvaluator() {}

    public static boolean test(Condition c, Map<String, AttributeValue> item) {
        if (c instanceof Condition.And x) {
            return test(x.left(), item) && test(x.right(), item);
        }
        if (c instanceof Condition.Or x) {
            return test(x.left(), item) || test(x.right(), item);
        }
        if (c instanceof Condition.Not x) {
            return !test(x.condition(), item);
        }
        if (c instanceof Condition.Comparison x) {
            return compare(x, value(x.left(), item), value(x.right(), item));
        }
        if (c instanceof Condition.Between x) {
            AttributeValue v = value(x.value(), item);
            AttributeValue low = value(x.low(), item);
            AttributeValue high = value(x.high(), item);
            return ordered(v, low) && ordered(v, high)
                    && ValueOrder.compare(v, low) >= 0 && ValueOrder.compare(v, high) <= 0;
        }
        if (c instanceof Condition.In x) {
            AttributeValue v = value(x.value(), item);
            return v != null && x.candidates().stream().anyMatch(o -> v.equals(value(o, item)));
        }
        if (c instanceof Condition.AttributeExists x) {
            return PathReader.read(item, x.path()) != null;
        }
        if (c instanceof Condition.AttributeNotExists x) {
            return PathReader.read(item, x.path()) == null;
        }
        if (c instanceof Condition.AttributeType x) {
            AttributeValue v = value(x.subject(), item);
            return v != null && v.typeName().equals(x.type());
        }
        if (c instanceof Condition.BeginsWith x) {
            return beginsWith(value(x.subject(), item), value(x.prefix(), item));
        }
        Condition.Contains x = (Condition.Contains) c;
        return contains(value(x.subject(), item), value(x.operand(), item));
    }

    private static boolean compare(Condition.Comparison c, AttributeValue left, AttributeValue right) {
        switch (c.op()) {
            case EQ:
                return left != null && left.equals(right);
            case NE:
                // DynamoDB: "<>" holds when the values differ, including when one side is missing.
                return left == null || !left.equals(right);
            default:
                if (!ordered(left, right)) {
                    return false;
                }
                int cmp = ValueOrder.compare(left, right);
                switch (c.op()) {
                    case LT: return cmp < 0;
                    case LE: return cmp <= 0;
                    case GT: return cmp > 0;
                    default: return cmp >= 0;
                }
        }
    }

    private static boolean ordered(AttributeValue a, AttributeValue b) {
        return a != null && b != null && ValueOrder.isOrderable(a) && a.typeName().equals(b.typeName());
    }

    private static boolean beginsWith(AttributeValue v, AttributeValue prefix) {
        if (v instanceof AttributeValue.S s && prefix instanceof AttributeValue.S p) {
            return s.value().startsWith(p.value());
        }
        if (v instanceof AttributeValue.B b && prefix instanceof AttributeValue.B p) {
            byte[] bytes = b.value().bytes();
            byte[] start = p.value().bytes();
            return bytes.length >= start.length && Arrays.equals(bytes, 0, start.length, start, 0, start.length);
        }
        return false;
    }

    private static boolean contains(AttributeValue v, AttributeValue operand) {
        if (v == null || operand == null) {
            return false;
        }
        if (v instanceof AttributeValue.S s && operand instanceof AttributeValue.S o) {
            return s.value().contains(o.value());
        }
        if (v instanceof AttributeValue.B b && operand instanceof AttributeValue.B o) {
            return indexOf(b.value().bytes(), o.value().bytes()) >= 0;
        }
        if (v instanceof AttributeValue.SS ss && operand instanceof AttributeValue.S o) {
            return ss.values().contains(o.value());
        }
        if (v instanceof AttributeValue.NS ns && operand instanceof AttributeValue.N o) {
            return ns.values().contains(o.value());
        }
        if (v instanceof AttributeValue.BS bs && operand instanceof AttributeValue.B o) {
            return bs.values().contains(o.value());
        }
        if (v instanceof AttributeValue.L l) {
            return l.values().contains(operand);
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return i;
            }
        }
        return -1;
    }

    /** The operand's value, or null when it is missing or has no size. */
    static AttributeValue value(Operand o, Map<String, AttributeValue> item) {
        if (o instanceof Operand.Value v) {
            return v.value();
        }
        if (o instanceof Operand.Path p) {
            return PathReader.read(item, p.path());
        }
        Integer size = size(value(((Operand.Size) o).of(), item));
        return size == null ? null : new AttributeValue.N(DynamoNumber.of(BigDecimal.valueOf(size)));
    }

    /** DynamoDB's size(): UTF-16 code units of a string, bytes of a binary, elements of a set, list or map. */
    private static Integer size(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return s.value().length();
        }
        if (v instanceof AttributeValue.B b) {
            return b.value().length();
        }
        if (v instanceof AttributeValue.SS s) {
            return s.values().size();
        }
        if (v instanceof AttributeValue.NS s) {
            return s.values().size();
        }
        if (v instanceof AttributeValue.BS s) {
            return s.values().size();
        }
        if (v instanceof AttributeValue.L l) {
            return l.values().size();
        }
        if (v instanceof AttributeValue.M m) {
            return m.values().size();
        }
        return null;
    }
}
