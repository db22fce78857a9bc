package io.dynarocks.protocol.expression;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.parser.Syntax;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns update clauses into an {@link Update}, making DynamoDB's checks in DynamoDB's order: reserved
 * words, unknown functions, repeated sections, undefined names, undefined values, overlapping or
 * conflicting paths, ADD/DELETE operand types, then function operand counts and types.
 */
final class UpdateResolver {

    private static final Map<String, String> TYPE_WORDS = Map.of("S", "STRING", "N", "NUMBER", "B", "BINARY",
            "NULL", "NULL", "BOOL", "BOOLEAN", "L", "LIST", "M", "MAP", "SS", "STRING_SET", "NS", "NUMBER_SET",
            "BS", "BINARY_SET");

    private final ExpressionContext ctx;

    UpdateResolver(ExpressionContext ctx) {
        this.ctx = ctx;
    }

    Update resolve(List<Syntax.Clause> clauses) {
        List<Syntax> nodes = SyntaxWalk.preOrder(clauses);
        String reserved = PathChecks.firstReserved(SyntaxWalk.ofType(nodes, Syntax.Path.class));
        if (reserved != null) {
            throw fail("Attribute name is a reserved keyword; reserved keyword: " + reserved);
        }
        for (Syntax.Call call : SyntaxWalk.ofType(nodes, Syntax.Call.class)) {
            if (!call.name().equals("if_not_exists") && !call.name().equals("list_append")) {
                throw fail("Invalid function name; function: " + call.name());
            }
        }
        Set<String> seen = new HashSet<>();
        for (Syntax.Clause clause : clauses) {
            if (!seen.add(clause.keyword())) {
                throw fail("The \"" + clause.keyword() + "\" section can only be used once in an update expression;");
            }
        }
        for (Syntax.Path p : SyntaxWalk.ofType(nodes, Syntax.Path.class)) {
            PathChecks.resolve(p, ctx, name -> { throw fail(PathChecks.undefinedName(name)); });
        }
        for (Syntax.ValueRef v : SyntaxWalk.ofType(nodes, Syntax.ValueRef.class)) {
            if (ctx.value(v.placeholder()) == null) {
                throw fail(PathChecks.undefinedValue(v.placeholder()));
            }
        }
        List<DocumentPath> targets = new ArrayList<>();
        for (Syntax.Clause clause : clauses) {
            for (Syntax.Action action : clause.actions()) {
                targets.add(path(action.path()));
            }
        }
        String overlap = PathChecks.overlapOrConflict(targets);
        if (overlap != null) {
            throw fail(overlap);
        }
        checkAddAndDeleteOperands(clauses);
        List<UpdateAction> actions = new ArrayList<>();
        int i = 0;
        for (Syntax.Clause clause : clauses) {
            for (Syntax.Action action : clause.actions()) {
                actions.add(action(clause.keyword(), targets.get(i++), action.value()));
            }
        }
        return new Update(actions);
    }

    private void checkAddAndDeleteOperands(List<Syntax.Clause> clauses) {
        for (Syntax.Clause clause : clauses) {
            boolean add = clause.keyword().equals("ADD");
            if (!add && !clause.keyword().equals("DELETE")) {
                continue;
            }
            for (Syntax.Action action : clause.actions()) {
                String type = value(action.value()).typeName();
                boolean set = type.equals("SS") || type.equals("NS") || type.equals("BS");
                if (!set && !(add && type.equals("N"))) {
                    throw fail("Incorrect operand type for operator or function; operator: " + clause.keyword()
                            + ", operand type: " + TYPE_WORDS.get(type));
                }
            }
        }
    }

    private UpdateAction action(String keyword, DocumentPath target, Syntax value) {
        switch (keyword) {
            case "SET":
                return new UpdateAction.Set(target, setValue(value));
            case "REMOVE":
                return new UpdateAction.Remove(target);
            case "ADD":
                return new UpdateAction.Add(target, value(value));
            default:
                return new UpdateAction.Delete(target, value(value));
        }
    }

    /** Builds a SET value bottom-up, checking operand counts and the types known before evaluation. */
    private UpdateValue setValue(Syntax s) {
        if (s instanceof Syntax.Path p) {
            return new UpdateValue.PathValue(path(p));
        }
        if (s instanceof Syntax.ValueRef) {
            return new UpdateValue.Literal(value(s));
        }
        if (s instanceof Syntax.Arithmetic a) {
            UpdateValue left = setValue(a.left());
            UpdateValue right = setValue(a.right());
            String operator = a.plus() ? "+" : "-";
            requireType(operator, left, "N");
            requireType(operator, right, "N");
            return new UpdateValue.Arithmetic(a.plus(), left, right);
        }
        Syntax.Call call = (Syntax.Call) s;
        List<UpdateValue> args = new ArrayList<>();
        for (Syntax arg : call.args()) {
            args.add(setValue(arg));
        }
        if (args.size() != 2) {
            throw fail("Incorrect number of operands for operator or function; operator or function: "
                    + call.name() + ", number of operands: " + args.size());
        }
        if (call.name().equals("if_not_exists")) {
            if (!(args.get(0) instanceof UpdateValue.PathValue p)) {
                throw fail("Operator or function requires a document path; operator or function: if_not_exists");
            }
            return new UpdateValue.IfNotExists(p.path(), args.get(1));
        }
        requireType("list_append", args.get(0), "L");
        requireType("list_append", args.get(1), "L");
        return new UpdateValue.ListAppend(args.get(0), args.get(1));
    }

    private void requireType(String operator, UpdateValue v, String required) {
        String type = staticType(v);
        if (type != null && !type.equals(required)) {
            throw fail("Incorrect operand type for operator or function; operator or function: " + operator
                    + ", operand type: " + type);
        }
    }

    /** Only literals and results of list_append, + and - have a type before evaluation (not if_not_exists). */
    private static String staticType(UpdateValue v) {
        if (v instanceof UpdateValue.Literal l) {
            return l.value().typeName();
        }
        if (v instanceof UpdateValue.ListAppend) {
            return "L";
        }
        return v instanceof UpdateValue.Arithmetic ? "N" : null;
    }

    private DocumentPath path(Syntax.Path p) {
        return PathChecks.resolve(p, ctx, name -> { throw fail(PathChecks.undefinedName(name)); });
    }

    private AttributeValue value(Syntax s) {
        String placeholder = ((Syntax.ValueRef) s).placeholder();
        AttributeValue v = ctx.value(placeholder);
        if (v == null) {
            throw fail(PathChecks.undefinedValue(placeholder));
        }
        return v;
    }

    private static DynamoException fail(String message) {
        return DynamoException.validation("Invalid UpdateExpression: " + message);
    }
}
