package io.dynarocks.engine.partiql;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.DynamoNumber;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.DocumentPath;
import io.dynarocks.protocol.expression.Operand;
import io.dynarocks.protocol.expression.UpdateAction;
import io.dynarocks.protocol.expression.UpdateValue;
import io.dynarocks.protocol.json.AttributeValueJson;
import io.dynarocks.protocol.partiql.Expr;
import io.dynarocks.protocol.partiql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns PartiQL expressions, with their parameters bound, into the engine's own condition and update
 * ASTs, so a statement is evaluated exactly as the equivalent expression request would be.
 */
final class Translator {

    private final List<AttributeValue> parameters;

    Translator(Statement statement, List<AttributeValue> parameters) {
        if (statement.parameterCount() != parameters.size()) {
            throw DynamoException.validation("Number of parameters in request and statement don't match.");
        }
        this.parameters = parameters;
    }

    /** A value held by an item: a literal, a bound parameter, or a list, map or set of values. */
    AttributeValue value(Expr e) {
        return value(e, 1);
    }

    /** The item of an INSERT: its attributes are held at level 1, as a PutItem's {@code Item}'s are. */
    AttributeValue item(Expr e) {
        return value(e, 0);
    }

    /**
     * A value held by a document at nesting {@code level}: list and map literals nest as deep as DynamoDB's
     * documents may (parameters were checked when the request was read).
     */
    private AttributeValue value(Expr e, int level) {
        if (e instanceof Expr.Literal l) {
            return l.value();
        }
        if (e instanceof Expr.Parameter p) {
            return parameters.get(p.index());
        }
        if (e instanceof Expr.ListOf l) {
            int inner = AttributeValueJson.nested(level);
            return new AttributeValue.L(l.elements().stream().map(element -> value(element, inner)).toList());
        }
        if (e instanceof Expr.MapOf m) {
            int inner = AttributeValueJson.nested(level);
            Map<String, AttributeValue> values = new LinkedHashMap<>();
            for (int i = 0; i < m.keys().size(); i++) {
                if (values.put(m.keys().get(i), value(m.values().get(i), inner)) != null) {
                    throw DynamoException.validation("Duplicate key in a map literal: " + m.keys().get(i));
                }
            }
            return new AttributeValue.M(values);
        }
        if (e instanceof Expr.SetOf s) {
            return set(s);
        }
        throw unsupported("a value was expected");
    }

    /** {@code <<...>>}: all elements strings, numbers or binaries; DynamoDB sets are non-empty and distinct. */
    private AttributeValue set(Expr.SetOf s) {
        List<AttributeValue> elements = s.elements().stream().map(this::value).toList();
        if (elements.isEmpty()) {
            throw DynamoException.validation("One or more parameter values were invalid: An string set  may not be empty");
        }
        String type = elements.get(0).typeName();
        for (AttributeValue v : elements) {
            if (!v.typeName().equals(type) || !(type.equals("S") || type.equals("N") || type.equals("B"))) {
                throw unsupported("a set holds strings, numbers or binaries of one type");
            }
        }
        switch (type) {
            case "S": {
                Set<String> values = new LinkedHashSet<>();
                elements.forEach(v -> values.add(((AttributeValue.S) v).value()));
                return distinct(new AttributeValue.SS(values), values.size(), elements.size());
            }
            case "N": {
                Set<DynamoNumber> values = new LinkedHashSet<>();
                elements.forEach(v -> values.add(((AttributeValue.N) v).value()));
                return distinct(new AttributeValue.NS(values), values.size(), elements.size());
            }
            default: {
                Set<AttributeValue.Binary> values = new LinkedHashSet<>();
                elements.forEach(v -> values.add(((AttributeValue.B) v).value()));
                return distinct(new AttributeValue.BS(values), values.size(), elements.size());
            }
        }
    }

    private static AttributeValue distinct(AttributeValue set, int distinct, int given) {
        if (distinct != given) {
            throw DynamoException.validation("Input collection contains duplicates");
        }
        return set;
    }

    DocumentPath path(Expr e) {
        if (e instanceof Expr.Path p) {
            return p.path();
        }
        throw unsupported("a document path was expected");
    }

    Operand operand(Expr e) {
        if (e instanceof Expr.Path p) {
            return new Operand.Path(p.path());
        }
        if (e instanceof Expr.Call c && c.name().equals("size")) {
            return new Operand.Size(operand(argument(c, 0, 1)));
        }
        return new Operand.Value(value(e));
    }

    /** A WHERE clause (or part of one) as a condition. */
    Condition condition(Expr e) {
        if (e instanceof Expr.Compare c) {
            return new Condition.Comparison(c.op(), operand(c.left()), operand(c.right()));
        }
        if (e instanceof Expr.And a) {
            return new Condition.And(condition(a.left()), condition(a.right()));
        }
        if (e instanceof Expr.Or o) {
            return new Condition.Or(condition(o.left()), condition(o.right()));
        }
        if (e instanceof Expr.Not n) {
            return new Condition.Not(condition(n.operand()));
        }
        if (e instanceof Expr.Between b) {
            return new Condition.Between(operand(b.value()), operand(b.low()), operand(b.high()));
        }
        if (e instanceof Expr.In in) {
            return new Condition.In(operand(in.value()), candidates(in));
        }
        if (e instanceof Expr.Is is) {
            return is(is);
        }
        if (e instanceof Expr.Call c) {
            return call(c);
        }
        throw unsupported("a condition was expected");
    }

    /** The candidates of IN; a single parameter may hold the list of candidates. */
    List<Operand> candidates(Expr.In in) {
        List<Operand> out = new ArrayList<>();
        if (in.candidates().size() == 1 && in.candidates().get(0) instanceof Expr.Parameter p
                && parameters.get(p.index()) instanceof AttributeValue.L list) {
            list.values().forEach(v -> out.add(new Operand.Value(v)));
            return out;
        }
        in.candidates().forEach(c -> out.add(operand(c)));
        return out;
    }

    // PartiQL's IS NULL also holds for a missing attribute, as NULL and MISSING are both absent values there.
    private Condition is(Expr.Is is) {
        DocumentPath path = path(is.value());
        Condition holds = is.missing() ? new Condition.AttributeNotExists(path)
                : new Condition.Or(new Condition.AttributeNotExists(path),
                        new Condition.AttributeType(new Operand.Path(path), "NULL"));
        return is.negated() ? new Condition.Not(holds) : holds;
    }

    private Condition call(Expr.Call c) {
        switch (c.name()) {
            case "begins_with":
                return new Condition.BeginsWith(operand(argument(c, 0, 2)), operand(argument(c, 1, 2)));
            case "contains":
                return new Condition.Contains(operand(argument(c, 0, 2)), operand(argument(c, 1, 2)));
            case "attribute_type": {
                AttributeValue type = value(argument(c, 1, 2));
                if (!(type instanceof AttributeValue.S s)) {
                    throw DynamoException.validation("Invalid attribute type name found in function attribute_type");
                }
                return new Condition.AttributeType(operand(argument(c, 0, 2)), s.value());
            }
            case "attribute_exists":
                return new Condition.AttributeExists(documentPath(c));
            case "attribute_not_exists":
            case "missing":
                return new Condition.AttributeNotExists(documentPath(c));
            default:
                // EXISTS(path) is no function in DynamoDB's PartiQL: EXISTS takes a SELECT, in transactions only.
                throw DynamoException.validation("Unrecognized function: " + c.name() + " at " + c.at());
        }
    }

    /** The only operand of attribute_exists and its kin, which must be a document path. */
    private DocumentPath documentPath(Expr.Call c) {
        if (argument(c, 0, 1) instanceof Expr.Path p) {
            return p.path();
        }
        throw DynamoException.validation("Operator or function requires a document path; operator or function: "
                + c.name());
    }

    /** The changes of an UPDATE as update actions. */
    List<UpdateAction> update(List<Statement.Change> changes) {
        List<UpdateAction> actions = new ArrayList<>();
        for (Statement.Change change : changes) {
            DocumentPath target = change.path().path();
            if (change instanceof Statement.Remove) {
                actions.add(new UpdateAction.Remove(target));
            } else {
                actions.add(assignment(target, ((Statement.Set) change).value()));
            }
        }
        return actions;
    }

    // set_add and set_delete are DynamoDB's ADD and DELETE of set elements, written as assignments.
    private UpdateAction assignment(DocumentPath target, Expr value) {
        if (value instanceof Expr.Call c && (c.name().equals("set_add") || c.name().equals("set_delete"))) {
            String name = c.name().toUpperCase(java.util.Locale.ROOT);
            if (c.args().size() != 2) {
                throw DynamoException.validation(name + " must have exactly two arguments at " + c.at());
            }
            if (!(c.args().get(0) instanceof Expr.Path p) || !p.path().equals(target)) {
                throw DynamoException.validation("The first argument to " + name
                        + " must equal the assignment value at " + c.at());
            }
            AttributeValue elements = value(argument(c, 1, 2));
            return c.name().equals("set_add") ? new UpdateAction.Add(target, elements)
                    : new UpdateAction.Delete(target, elements);
        }
        return new UpdateAction.Set(target, updateValue(value));
    }

    private UpdateValue updateValue(Expr e) {
        if (e instanceof Expr.Path p) {
            return new UpdateValue.PathValue(p.path());
        }
        if (e instanceof Expr.Arithmetic a) {
            return new UpdateValue.Arithmetic(a.plus(), updateValue(a.left()), updateValue(a.right()));
        }
        if (e instanceof Expr.Call c && c.name().equals("list_append")) {
            return new UpdateValue.ListAppend(updateValue(argument(c, 0, 2)), updateValue(argument(c, 1, 2)));
        }
        if (e instanceof Expr.Call c && c.name().equals("if_not_exists")) {
            return new UpdateValue.IfNotExists(path(argument(c, 0, 2)), updateValue(argument(c, 1, 2)));
        }
        if (e instanceof Expr.Call c) {
            throw DynamoException.validation("Unrecognized function: " + c.name() + " at " + c.at());
        }
        return new UpdateValue.Literal(value(e));
    }

    private static Expr argument(Expr.Call c, int index, int arity) {
        if (c.args().size() != arity) {
            throw DynamoException.validation("Incorrect number of operands for operator or function; operator or "
                    + "function: " + c.name() + ", number of operands: " + c.args().size());
        }
        return c.args().get(index);
    }

    static DynamoException unsupported(String what) {
        return DynamoException.validation("Unsupported operation: " + what);
    }
}
