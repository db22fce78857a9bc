package io.dynarocks.protocol.expression;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.parser.ExpressionParser;
import io.dynarocks.protocol.expression.parser.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a condition syntax tree into a {@link Condition}, making DynamoDB's checks in DynamoDB's order:
 * redundant parentheses, unknown functions, misused functions, reserved words, then condition by
 * condition: undefined names/values, operand counts, distinct operands, operand types.
 */
final class ConditionResolver {

    private static final Map<String, Integer> FUNCTIONS = Map.of("attribute_exists", 1, "attribute_not_exists", 1,
            "attribute_type", 2, "begins_with", 2, "contains", 2, "size", 1);
    private static final Set<String> TYPES = Set.of("S", "N", "B", "NULL", "SS", "BOOL", "L", "BS", "NS", "M");
    private static final int MAX_IN_OPERANDS = 100;
    /** What contains() can look into, and what it can look for (never a set, list or map). */
    private static final Set<String> CONTAINERS = Set.of("S", "B", "SS", "NS", "BS", "L");
    private static final Set<String> ELEMENTS = Set.of("S", "N", "B", "BOOL", "NULL");
    /** How DynamoDB names a constant's type when an ordering operator cannot compare it. */
    private static final Map<String, String> TYPE_WORDS = Map.of("NULL", "NULL", "BOOL", "BOOLEAN", "L", "LIST",
            "M", "MAP", "SS", "STRING_SET", "NS", "NUMBER_SET", "BS", "BINARY_SET");

    private final ExpressionContext ctx;
    private final String parameter;

    ConditionResolver(ExpressionContext ctx, String parameter) {
        this.ctx = ctx;
        this.parameter = parameter;
    }

    Condition resolve(Syntax.ConditionTree tree) {
        if (tree.redundantParentheses()) {
            throw fail(ExpressionParser.REDUNDANT_PARENTHESES);
        }
        List<Syntax> nodes = SyntaxWalk.preOrder(tree.root());
        for (Syntax.Call call : SyntaxWalk.ofType(nodes, Syntax.Call.class)) {
            if (!FUNCTIONS.containsKey(call.name())) {
                throw fail("Invalid function name; function: " + call.name());
            }
        }
        checkMisused(tree.root(), true);
        String reserved = PathChecks.firstReserved(SyntaxWalk.ofType(nodes, Syntax.Path.class));
        if (reserved != null) {
            throw fail("Attribute name is a reserved keyword; reserved keyword: " + reserved);
        }
        return condition(tree.root());
    }

    /** size() is the only function usable as an operand, and the only one not usable as a condition. */
    private void checkMisused(Syntax s, boolean conditionPosition) {
        if (s instanceof Syntax.Call call && call.name().equals("size") == conditionPosition) {
            throw misused(call.name());
        }
        boolean childrenAreConditions = s instanceof Syntax.And || s instanceof Syntax.Or || s instanceof Syntax.Not;
        for (Syntax child : SyntaxWalk.children(s)) {
            if (!childrenAreConditions && child instanceof Syntax.Call call && !call.name().equals("size")) {
                throw misused(call.name());
            }
            checkMisused(child, childrenAreConditions);
        }
    }

    private DynamoException misused(String function) {
        return fail("The function is not allowed to be used this way in an expression; function: " + function);
    }

    private Condition condition(Syntax s) {
        if (s instanceof Syntax.And x) {
            return new Condition.And(condition(x.left()), condition(x.right()));
        }
        if (s instanceof Syntax.Or x) {
            return new Condition.Or(condition(x.left()), condition(x.right()));
        }
        if (s instanceof Syntax.Not x) {
            return new Condition.Not(condition(x.condition()));
        }
        checkReferences(s);
        if (s instanceof Syntax.Compare x) {
            Operand left = operand(x.left());
            Operand right = operand(x.right());
            checkDistinct(x.op().symbol(), left, right);
            if (x.op() != Comparator.EQ && x.op() != Comparator.NE) {
                requireOrderable(x.op().symbol(), left, right);
            }
            return new Condition.Comparison(x.op(), left, right);
        }
        if (s instanceof Syntax.Between x) {
            Operand value = operand(x.value());
            Operand low = operand(x.low());
            Operand high = operand(x.high());
            requireOrderable("BETWEEN", value, low, high);
            checkBounds(low, high);
            return new Condition.Between(value, low, high);
        }
        if (s instanceof Syntax.In x) {
            if (x.candidates().size() > MAX_IN_OPERANDS) {
                throw fail("The IN operator is provided with too many operands; number of operands: "
                        + x.candidates().size());
            }
            List<Operand> candidates = new ArrayList<>();
            for (Syntax c : x.candidates()) {
                candidates.add(operand(c));
            }
            return new Condition.In(operand(x.value()), candidates);
        }
        return function((Syntax.Call) s);
    }

    /** Resolves every placeholder of one condition first: undefined ones are reported before other errors. */
    private void checkReferences(Syntax s) {
        for (Syntax node : SyntaxWalk.preOrder(s)) {
            if (node instanceof Syntax.Path p) {
                PathChecks.resolve(p, ctx, name -> { throw fail(PathChecks.undefinedName(name)); });
            } else if (node instanceof Syntax.ValueRef v && ctx.value(v.placeholder()) == null) {
                throw fail(PathChecks.undefinedValue(v.placeholder()));
            }
        }
    }

    private Condition function(Syntax.Call call) {
        List<Operand> args = arguments(call);
        String name = call.name();
        if (args.size() == 2) {
            checkDistinct(name, args.get(0), args.get(1));
        }
        switch (name) {
            case "attribute_exists":
            case "attribute_not_exists":
                if (!(args.get(0) instanceof Operand.Path p)) {
                    throw fail("Operator or function requires a document path; operator or function: " + name);
                }
                return name.equals("attribute_exists")
                        ? new Condition.AttributeExists(p.path()) : new Condition.AttributeNotExists(p.path());
            case "begins_with":
                for (Operand a : args) {
                    String type = staticType(a);
                    if (type != null && !type.equals("S") && !type.equals("B")) {
                        throw wrongType(name, type);
                    }
                }
                return new Condition.BeginsWith(args.get(0), args.get(1));
            case "attribute_type":
                String type = staticType(args.get(1));
                if (!"S".equals(type)) {
                    throw wrongType(name, type == null ? "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}" : type);
                }
                String typeName = ((AttributeValue.S) ((Operand.Value) args.get(1)).value()).value();
                if (!TYPES.contains(typeName)) {
                    throw fail("Invalid attribute type name found; type: " + typeName
                            + ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
                }
                return new Condition.AttributeType(args.get(0), typeName);
            default:
                String subject = staticType(args.get(0));
                if (subject != null && !CONTAINERS.contains(subject)) {
                    throw wrongType(name, subject);
                }
                String element = staticType(args.get(1));
                if (element != null && !ELEMENTS.contains(element)) {
                    throw wrongType(name, element);
                }
                return new Condition.Contains(args.get(0), args.get(1));
        }
    }

    private List<Operand> arguments(Syntax.Call call) {
        int expected = FUNCTIONS.get(call.name());
        List<Operand> args = new ArrayList<>();
        for (Syntax a : call.args()) {
            args.add(operand(a));
        }
        if (args.size() != expected) {
            throw fail("Incorrect number of operands for operator or function; operator or function: "
                    + call.name() + ", number of operands: " + args.size());
        }
        return args;
    }

    private Operand operand(Syntax s) {
        if (s instanceof Syntax.Path p) {
            return new Operand.Path(PathChecks.resolve(p, ctx, name -> { throw fail(PathChecks.undefinedName(name)); }));
        }
        if (s instanceof Syntax.ValueRef v) {
            AttributeValue value = ctx.value(v.placeholder());
            if (value == null) {
                throw fail(PathChecks.undefinedValue(v.placeholder()));
            }
            return new Operand.Value(value);
        }
        Syntax.Call size = (Syntax.Call) s;
        Operand of = arguments(size).get(0);
        String type = staticType(of);
        if (type != null && Set.of("N", "BOOL", "NULL").contains(type)) {
            throw wrongType("size", type);
        }
        return new Operand.Size(of);
    }

    /** The type an operand is known to have before evaluation: a value's type, N for size(), else null. */
    private static String staticType(Operand o) {
        if (o instanceof Operand.Value v) {
            return v.value().typeName();
        }
        return o instanceof Operand.Size ? "N" : null;
    }

    /**
     * {@code < <= > >= BETWEEN} compare numbers, strings and binaries only: a constant of another type is an
     * error in the request (an item's attribute of another type just makes the condition false).
     */
    private void requireOrderable(String operator, Operand... operands) {
        for (Operand o : operands) {
            if (o instanceof Operand.Value v && !ValueOrder.isOrderable(v.value())) {
                throw fail("Incorrect operand type for operator or function; operator or function: " + operator
                        + ", operand type: " + TYPE_WORDS.get(v.value().typeName()));
            }
        }
    }

    private void checkDistinct(String operator, Operand first, Operand second) {
        if (first instanceof Operand.Path a && second instanceof Operand.Path b && a.equals(b)) {
            throw fail("The first operand must be distinct from the remaining operands for this operator or "
                    + "function; operator: " + operator + ", first operand: " + a.path().describe());
        }
    }

    private void checkBounds(Operand low, Operand high) {
        if (low instanceof Operand.Value lo && high instanceof Operand.Value hi) {
            String bounds = "lower bound operand: AttributeValue: " + ValueOrder.describe(lo.value())
                    + ", upper bound operand: AttributeValue: " + ValueOrder.describe(hi.value());
            if (!lo.value().typeName().equals(hi.value().typeName())) {
                throw fail("The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
            }
            if (ValueOrder.isOrderable(lo.value()) && ValueOrder.compare(lo.value(), hi.value()) > 0) {
                throw fail("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                        + bounds);
            }
        }
    }

    private DynamoException wrongType(String function, String type) {
        return fail("Incorrect operand type for operator or function; operator or function: " + function
                + ", operand type: " + type);
    }

    private DynamoException fail(String message) {
        return DynamoException.validation("Invalid " + parameter + ": " + message);
    }
}
