package io.dynarocks.security;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.catalog.Catalog;
import io.dynarocks.engine.partiql.Plan;
import io.dynarocks.engine.partiql.Planner;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.operation.ParameterizedStatement;
import io.dynarocks.protocol.partiql.Expr;
import io.dynarocks.protocol.partiql.PartiqlParser;
import io.dynarocks.protocol.partiql.Statement;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a PartiQL statement touches, as IAM sees it: {@code dynamodb:PartiQLSelect}, {@code PartiQLInsert},
 * {@code PartiQLUpdate} or {@code PartiQLDelete} on its table or index, with the condition keys of the item
 * operation it stands for ({@code dynamodb:LeadingKeys} from the partition key values its WHERE clause or
 * inserted item fixes, {@code dynamodb:Attributes} from every attribute it names), plus
 * {@code dynamodb:FullTableScan} for a SELECT that scans and {@code dynamodb:EnclosingOperation}.
 */
final class PartiqlAccesses {

    private PartiqlAccesses() {}

    /**
     * The access of {@code statement}, run by {@code enclosingOperation} (ExecuteStatement,
     * BatchExecuteStatement or ExecuteTransaction) on the tables of {@code engine}. A
     * statement that cannot be planned gives none: its operation refuses it with the same error.
     */
    static List<RequestAccesses.Access> of(ParameterizedStatement statement, String enclosingOperation,
            String returnConsumedCapacity, Engine engine) {
        Catalog catalog = engine.catalog();
        Statement parsed;
        Plan plan;
        try {
            parsed = PartiqlParser.parse(statement.statement());
            plan = new Planner(engine).plan(statement, returnConsumedCapacity);
        } catch (DynamoException e) {
            return List.of();
        }
        RequestAccesses.Keys keys = new RequestAccesses.Keys(returnConsumedCapacity, null);
        keys.put("dynamodb:enclosingoperation", List.of(enclosingOperation));
        keys.attributes(attributes(parsed));
        String resource = engine.tableArn(plan.tableName());
        String action;
        if (plan instanceof Plan.Select s) {
            action = "dynamodb:PartiQLSelect";
            if (s.indexName() != null) {
                resource += "/index/" + s.indexName();
            }
            keys.put("dynamodb:fulltablescan", List.of(String.valueOf(s.partitions() == null)));
            keys.select(s.projection() != null ? "SPECIFIC_ATTRIBUTES"
                    : s.indexName() != null ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES");
            if (s.partitions() != null) {
                keys.put("dynamodb:leadingkeys", s.partitions().stream().map(RequestAccesses::text).toList());
            }
        } else if (plan instanceof Plan.Insert i) {
            action = "dynamodb:PartiQLInsert";
            keys.attributes(i.request().item().keySet());
            leadingKey(keys, catalog, plan.tableName(), i.request().item());
        } else if (plan instanceof Plan.Modify m) {
            action = "dynamodb:PartiQLUpdate";
            leadingKey(keys, catalog, plan.tableName(), m.request().key());
        } else if (plan instanceof Plan.Remove r) {
            action = "dynamodb:PartiQLDelete";
            leadingKey(keys, catalog, plan.tableName(), r.request().key());
        } else if (plan instanceof Plan.Check c) {
            // EXISTS(SELECT ...) reads the one item its key names.
            action = "dynamodb:PartiQLSelect";
            keys.put("dynamodb:fulltablescan", List.of("false"));
            leadingKey(keys, catalog, plan.tableName(), c.request().key());
        } else {
            // Fail closed: a statement this class does not know is not let through unchecked.
            throw new IllegalStateException("no authorization for the PartiQL plan " + plan.getClass().getSimpleName());
        }
        return List.of(new RequestAccesses.Access(action, resource, keys.done()));
    }

    private static void leadingKey(RequestAccesses.Keys keys, Catalog catalog, String table,
            Map<String, AttributeValue> item) {
        catalog.find(table).map(t -> item.get(t.keySchema().hashName()))
                .ifPresent(v -> keys.put("dynamodb:leadingkeys", List.of(RequestAccesses.text(v))));
    }

    /**
     * The top-level attributes a statement names: projection, WHERE clause, SET/REMOVE targets and values (an
     * INSERT's are those of its item, once its parameters are bound).
     */
    private static Collection<String> attributes(Statement statement) {
        Set<String> out = new LinkedHashSet<>();
        if (statement instanceof Statement.Select s) {
            if (s.projection() != null) {
                s.projection().forEach(p -> collect(p, out));
            }
            collect(s.where(), out);
        } else if (statement instanceof Statement.Update u) {
            for (Statement.Change c : u.changes()) {
                if (c instanceof Statement.Set set) {
                    collect(set.path(), out);
                    collect(set.value(), out);
                } else {
                    collect(((Statement.Remove) c).path(), out);
                }
            }
            collect(u.where(), out);
        } else if (statement instanceof Statement.Delete d) {
            collect(d.where(), out);
        } else if (statement instanceof Statement.Exists e) {
            return attributes(e.select());
        }
        return out;
    }

    private static void collect(Expr e, Set<String> out) {
        if (e == null) {
            return;
        }
        if (e instanceof Expr.Path p) {
            out.add(p.path().attribute());
        } else if (e instanceof Expr.ListOf l) {
            l.elements().forEach(x -> collect(x, out));
        } else if (e instanceof Expr.MapOf m) {
            m.values().forEach(x -> collect(x, out));
        } else if (e instanceof Expr.SetOf s) {
            s.elements().forEach(x -> collect(x, out));
        } else if (e instanceof Expr.Compare c) {
            collect(c.left(), out);
            collect(c.right(), out);
        } else if (e instanceof Expr.Arithmetic a) {
            collect(a.left(), out);
            collect(a.right(), out);
        } else if (e instanceof Expr.And a) {
            collect(a.left(), out);
            collect(a.right(), out);
        } else if (e instanceof Expr.Or o) {
            collect(o.left(), out);
            collect(o.right(), out);
        } else if (e instanceof Expr.Not n) {
            collect(n.operand(), out);
        } else if (e instanceof Expr.Between b) {
            collect(b.value(), out);
            collect(b.low(), out);
            collect(b.high(), out);
        } else if (e instanceof Expr.In in) {
            collect(in.value(), out);
            in.candidates().forEach(x -> collect(x, out));
        } else if (e instanceof Expr.Is is) {
            collect(is.value(), out);
        } else if (e instanceof Expr.Call c) {
            c.args().forEach(x -> collect(x, out));
        }
    }
}
