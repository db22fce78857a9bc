package io.dynarocks.engine.partiql;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.catalog.Catalog;
import io.dynarocks.engine.expression.ConditionEvaluator;
import io.dynarocks.engine.read.ReadTarget;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.Comparator;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.DocumentPath;
import io.dynarocks.protocol.expression.KeyCondition;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.expression.Update;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.TableArn;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.ConditionCheckRequest;
import io.dynarocks.protocol.operation.DeleteItemRequest;
import io.dynarocks.protocol.operation.ExpressionParameters;
import io.dynarocks.protocol.operation.ParameterizedStatement;
import io.dynarocks.protocol.operation.PutItemRequest;
import io.dynarocks.protocol.operation.ReturnValues;
import io.dynarocks.protocol.operation.UpdateItemRequest;
import io.dynarocks.protocol.partiql.Expr;
import io.dynarocks.protocol.partiql.PartiqlParser;
import io.dynarocks.protocol.partiql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Plans a PartiQL statement as the engine's operations: SELECT as Query or Scan, INSERT as a conditional
 * PutItem, UPDATE as UpdateItem, DELETE as DeleteItem. The WHERE clause of a write must fix the whole
 * primary key with equalities; its other predicates become the write's condition.
 */
public final class Planner {

    private static final ExpressionParameters NO_PARAMETERS = new ExpressionParameters(null, null);

    private final Catalog catalog;
    private final String accountId;

    /** A planner of statements on the tables of {@code engine} (authorization plans without running). */
    public Planner(Engine engine) {
        this.catalog = engine.catalog();
        this.accountId = engine.accountId();
    }

    /** Parses, binds and plans one statement; {@code returnConsumedCapacity} goes into the planned requests. */
    public Plan plan(ParameterizedStatement request, String returnConsumedCapacity) {
        Statement statement = PartiqlParser.parse(request.statement());
        Translator t = new Translator(statement, request.parameters());
        if (statement instanceof Statement.Select s) {
            return select(s, t, request.consistentRead());
        }
        if (statement instanceof Statement.Exists e) {
            return exists(e.select(), t, request.returnOldOnConditionFailure());
        }
        TableDefinition table = table(statement.table());
        if (statement instanceof Statement.Insert i) {
            return insert(i, t, table, returnConsumedCapacity);
        }
        if (statement instanceof Statement.Update u) {
            KeyAndCondition where = requireKey(keyAndCondition(u.where(), table.keySchema(), t));
            // A PartiQL UPDATE changes an existing item; it never creates one.
            Condition exists = new Condition.AttributeExists(DocumentPath.of(table.keySchema().hashName()));
            Condition condition = where.condition() == null ? exists : new Condition.And(exists, where.condition());
            UpdateItemRequest r = new UpdateItemRequest(table.tableName(), where.key(), null, null, NO_PARAMETERS,
                    returnValues(u.returning()), returnConsumedCapacity, request.returnOldOnConditionFailure());
            return new Plan.Modify(r, new Update(t.update(u.changes())), predicate(condition));
        }
        Statement.Delete d = (Statement.Delete) statement;
        if (d.returning() != Statement.Returning.NONE && d.returning() != Statement.Returning.ALL_OLD) {
            throw DynamoException.validation("Invalid returning clause: RETURNING "
                    + d.returning().name().replace('_', ' ') + " *. Only RETURNING ALL OLD * is allowed in DELETE "
                    + "statements.");
        }
        KeyAndCondition where = requireKey(keyAndCondition(d.where(), table.keySchema(), t));
        DeleteItemRequest r = new DeleteItemRequest(table.tableName(), where.key(), null, NO_PARAMETERS,
                returnValues(d.returning()), returnConsumedCapacity, request.returnOldOnConditionFailure());
        return new Plan.Remove(r, where.condition() == null ? null : predicate(where.condition()));
    }

    private Plan insert(Statement.Insert i, Translator t, TableDefinition table, String returnConsumedCapacity) {
        if (!(t.item(i.value()) instanceof AttributeValue.M item)) {
            throw DynamoException.validation(PartiqlParser.NOT_WELL_FORMED + "Expected a tuple in VALUE");
        }
        PutItemRequest r = new PutItemRequest(table.tableName(), item.values(), null, NO_PARAMETERS, ReturnValues.NONE,
                returnConsumedCapacity, false);
        Predicate<Map<String, AttributeValue>> absent = old -> {
            if (!old.isEmpty()) {
                throw DynamoException.duplicateItem();
            }
            return true;
        };
        return new Plan.Insert(r, absent);
    }

    private static Predicate<Map<String, AttributeValue>> predicate(Condition c) {
        return item -> ConditionEvaluator.test(c, item);
    }

    private static ReturnValues returnValues(Statement.Returning returning) {
        switch (returning) {
            case ALL_OLD: return ReturnValues.ALL_OLD;
            case ALL_NEW: return ReturnValues.ALL_NEW;
            case MODIFIED_OLD: return ReturnValues.UPDATED_OLD;
            case MODIFIED_NEW: return ReturnValues.UPDATED_NEW;
            default: return ReturnValues.NONE;
        }
    }

    /**
     * EXISTS(SELECT ...): DynamoDB requires a read of one item of the table by its full key plus a further
     * condition, which the check tests on the item as it is when the transaction runs.
     */
    private Plan exists(Statement.Select s, Translator t, boolean returnOld) {
        if (s.index() != null) {
            throw DynamoException.validation("Operations on indices are not supported in transactions");
        }
        TableDefinition table = table(s.table());
        KeyAndCondition where = keyAndCondition(s.where(), table.keySchema(), t);
        if (where == null || where.condition() == null || !s.orderBy().isEmpty()) {
            throw DynamoException.validation("EXISTS() must contain a single item read with additional condition");
        }
        Condition condition = where.condition();
        ConditionCheckRequest r = new ConditionCheckRequest(table.tableName(), where.key(), null, NO_PARAMETERS,
                returnOld);
        return new Plan.Check(r, item -> !item.isEmpty() && ConditionEvaluator.test(condition, item));
    }

    /** The key a write's WHERE clause fixes, and the rest of the clause as a condition (null for none). */
    private record KeyAndCondition(Map<String, AttributeValue> key, Condition condition) {}

    private static KeyAndCondition requireKey(KeyAndCondition where) {
        if (where == null) {
            throw DynamoException.validation(
                    "Where clause does not contain a mandatory equality on all key attributes");
        }
        return where;
    }

    /** Null when the clause does not fix every key attribute with an equality. */
    private static KeyAndCondition keyAndCondition(Expr where, KeySchema schema, Translator t) {
        List<Expr> rest = conjuncts(where);
        Map<String, AttributeValue> key = new LinkedHashMap<>();
        for (String attribute : schema.hasRange() ? List.of(schema.hashName(), schema.rangeName())
                : List.of(schema.hashName())) {
            Expr found = null;
            for (Expr e : rest) {
                if (equalityValue(e, attribute) != null) {
                    found = e;
                    break;
                }
            }
            if (found == null) {
                return null;
            }
            rest.remove(found);
            key.put(attribute, t.value(equalityValue(found, attribute)));
        }
        return new KeyAndCondition(key, and(rest, t));
    }

    private Plan select(Statement.Select s, Translator t, boolean consistentRead) {
        TableDefinition table = table(s.table());
        // PartiQL words these two checks differently from Query and Scan.
        if (s.index() != null) {
            var index = table.index(s.index()).orElseThrow(() -> DynamoException.validation(
                    "The table does not have the specified index"));
            if (index.global() && consistentRead) {
                throw DynamoException.validation("Strongly consistent read is not supported on Global Secondary "
                        + "Indexes");
            }
        }
        ReadTarget target = ReadTarget.resolve(table, s.index(), false);
        KeySchema schema = target.keySchema();
        Projection projection = s.projection() == null ? null
                : new Projection(s.projection().stream().map(Expr.Path::path).toList());
        List<Expr> rest = conjuncts(s.where());
        List<AttributeValue> partitions = null;
        for (Expr e : rest) {
            partitions = partitions(e, schema.hashName(), t);
            if (partitions != null) {
                rest.remove(e);
                break;
            }
        }
        KeyCondition.Part sortKey = null;
        if (partitions != null && schema.hasRange()) {
            for (Expr e : rest) {
                sortKey = sortKeyPart(e, schema.rangeName(), t);
                if (sortKey != null) {
                    rest.remove(e);
                    break;
                }
            }
        }
        boolean descending = orderBy(s, schema, partitions != null);
        boolean fullKey = partitions != null && partitions.size() == 1
                && (!schema.hasRange() || sortKey != null && sortKey.operator() == KeyCondition.Operator.EQ);
        Condition filter = partitions == null ? (s.where() == null ? null : t.condition(s.where())) : and(rest, t);
        return new Plan.Select(table.tableName(), s.index(), schema.hashName(), partitions, sortKey, filter,
                projection, descending, fullKey, fullKey && rest.isEmpty() && s.index() == null);
    }

    /** ORDER BY names key attributes only and needs a query; answers whether the order is descending. */
    private static boolean orderBy(Statement.Select s, KeySchema schema, boolean query) {
        if (s.orderBy().isEmpty()) {
            return false;
        }
        if (s.where() == null) {
            throw DynamoException.validation("Must have WHERE clause in the statement when using ORDER BY clause.");
        }
        boolean descending = false;
        for (Statement.OrderBy o : s.orderBy()) {
            DocumentPath key = o.key().path();
            if (key.size() != 1 || !schema.isKeyAttribute(key.attribute())) {
                throw DynamoException.validation("Attribute " + key + " in ORDER BY clause must be part of the "
                        + "primary key");
            }
            if (key.attribute().equals(schema.rangeName())) {
                descending = o.descending();
            }
        }
        if (!query) {
            throw DynamoException.validation("Must have at least one non-optional hash key condition in WHERE "
                    + "clause when using ORDER BY clause.");
        }
        return descending;
    }

    /** The partition key values {@code e} fixes: {@code pk = v}, {@code pk IN [...]}, or ORs of equalities. */
    private static List<AttributeValue> partitions(Expr e, String hash, Translator t) {
        Expr value = equalityValue(e, hash);
        if (value != null) {
            return List.of(t.value(value));
        }
        if (e instanceof Expr.In in && isAttribute(in.value(), hash) && in.candidates().stream().allMatch(Planner::isValue)) {
            List<AttributeValue> values = new ArrayList<>();
            t.candidates(in).forEach(o -> values.add(((io.dynarocks.protocol.expression.Operand.Value) o).value()));
            return values.stream().distinct().toList();
        }
        if (e instanceof Expr.Or or) {
            List<AttributeValue> left = partitions(or.left(), hash, t);
            List<AttributeValue> right = left == null ? null : partitions(or.right(), hash, t);
            if (right != null) {
                List<AttributeValue> both = new ArrayList<>(left);
                both.addAll(right);
                return both.stream().distinct().toList();
            }
        }
        return null;
    }

    private static KeyCondition.Part sortKeyPart(Expr e, String range, Translator t) {
        if (e instanceof Expr.Compare c && c.op() != Comparator.NE) {
            if (isAttribute(c.left(), range) && isValue(c.right())) {
                return part(range, c.op(), t.value(c.right()));
            }
            if (isAttribute(c.right(), range) && isValue(c.left())) {
                return part(range, c.op().flipped(), t.value(c.left()));
            }
        }
        if (e instanceof Expr.Between b && isAttribute(b.value(), range) && isValue(b.low()) && isValue(b.high())) {
            return new KeyCondition.Part(range, KeyCondition.Operator.BETWEEN,
                    List.of(t.value(b.low()), t.value(b.high())));
        }
        if (e instanceof Expr.Call c && c.name().equals("begins_with") && c.args().size() == 2
                && isAttribute(c.args().get(0), range) && isValue(c.args().get(1))) {
            return new KeyCondition.Part(range, KeyCondition.Operator.BEGINS_WITH, List.of(t.value(c.args().get(1))));
        }
        return null;
    }

    private static KeyCondition.Part part(String attribute, Comparator op, AttributeValue value) {
        return new KeyCondition.Part(attribute, KeyCondition.Operator.valueOf(op.name()), List.of(value));
    }

    /** The value side of {@code attribute = value} (either way round), or null. */
    private static Expr equalityValue(Expr e, String attribute) {
        if (e instanceof Expr.Compare c && c.op() == Comparator.EQ) {
            if (isAttribute(c.left(), attribute) && isValue(c.right())) {
                return c.right();
            }
            if (isAttribute(c.right(), attribute) && isValue(c.left())) {
                return c.left();
            }
        }
        return null;
    }

    private static boolean isAttribute(Expr e, String attribute) {
        return e instanceof Expr.Path p && p.path().size() == 1 && p.path().attribute().equals(attribute);
    }

    private static boolean isValue(Expr e) {
        return e instanceof Expr.Literal || e instanceof Expr.Parameter;
    }

    /** The top-level AND terms of a WHERE clause (none for no clause), as a list to take key terms from. */
    private static List<Expr> conjuncts(Expr where) {
        List<Expr> out = new ArrayList<>();
        if (where instanceof Expr.And a) {
            out.addAll(conjuncts(a.left()));
            out.addAll(conjuncts(a.right()));
        } else if (where != null) {
            out.add(where);
        }
        return out;
    }

    private static Condition and(List<Expr> terms, Translator t) {
        Condition out = null;
        for (Expr e : terms) {
            Condition c = t.condition(e);
            out = out == null ? c : new Condition.And(out, c);
        }
        return out;
    }

    /**
     * The table a statement names: by its name, or by its ARN as the API's TableName parameters may, in this
     * engine's account. No other account's table is reached: DynamoDB gives its PartiQL operations no
     * cross-account access (unlike GetItem and the batches), so such an ARN names no table here and is
     * ResourceNotFoundException, whatever the table's resource policy says.
     */
    private TableDefinition table(String named) {
        return catalog.require(TableArn.parse(named).filter(arn -> arn.accountId().equals(accountId))
                .map(TableArn::tableName).orElse(named));
    }
}
