package io.dynarocks.security;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.catalog.Catalog;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.Expressions;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.KeyCondition;
import io.dynarocks.protocol.expression.legacy.LegacyCondition;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.BatchExecuteStatementRequest;
import io.dynarocks.protocol.operation.BatchGetItemRequest;
import io.dynarocks.protocol.operation.BatchWriteItemRequest;
import io.dynarocks.protocol.operation.ConditionCheckRequest;
import io.dynarocks.protocol.operation.DeleteItemRequest;
import io.dynarocks.protocol.operation.ExecuteStatementRequest;
import io.dynarocks.protocol.operation.ExecuteTransactionRequest;
import io.dynarocks.protocol.operation.ExpressionParameters;
import io.dynarocks.protocol.operation.GetItemRequest;
import io.dynarocks.protocol.operation.LegacyConditional;
import io.dynarocks.protocol.operation.ParameterizedStatement;
import io.dynarocks.protocol.operation.PutItemRequest;
import io.dynarocks.protocol.operation.QueryRequest;
import io.dynarocks.protocol.operation.ReadOptions;
import io.dynarocks.protocol.operation.ReturnValues;
import io.dynarocks.protocol.operation.ScanRequest;
import io.dynarocks.protocol.operation.TagsRequest;
import io.dynarocks.protocol.operation.TransactGetItemsRequest;
import io.dynarocks.protocol.operation.TransactWriteItem;
import io.dynarocks.protocol.operation.TransactWriteItemsRequest;
import io.dynarocks.protocol.operation.UpdateItemRequest;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a decoded request touches, as IAM sees it: one {@link Access} per action and resource, with the
 * request's DynamoDB condition keys. Batch and transaction requests give one access per item, each under
 * the action IAM checks for it (TransactWriteItems' items as PutItem, UpdateItem, DeleteItem and
 * ConditionCheckItem, TransactGetItems' as GetItem), and PartiQL statements as the item operations they
 * stand for ({@link PartiqlAccesses}).
 */
final class RequestAccesses {

    /** One authorization question, without the principal. */
    record Access(String action, String resource, Map<String, List<String>> keys) {}

    private static final Map<Class<?>, Optional<Method>> RESOURCE_ACCESSORS = new ConcurrentHashMap<>();
    /** IAM action names by target; only targets the registry decoded get here, so the map stays small. */
    private static final Map<String, String> ACTIONS = new ConcurrentHashMap<>();

    private final Engine engine;
    private final Catalog catalog;
    private final List<Access> out = new ArrayList<>(1);

    private RequestAccesses(Engine engine) {
        this.engine = engine;
        this.catalog = engine.catalog();
    }

    /**
     * The accesses of {@code request}, the decoded body of {@code target} ({@code Service.Action}), to the tables
     * of {@code engine} (whose account and region name them in ARNs).
     */
    static List<Access> of(String target, Object request, Engine engine) {
        String action = ACTIONS.computeIfAbsent(target, t -> "dynamodb:" + t.substring(t.indexOf('.') + 1));
        RequestAccesses a = new RequestAccesses(engine);
        a.add(action, request);
        return a.out;
    }

    private void add(String action, Object request) {
        if (request instanceof GetItemRequest r) {
            Keys k = new Keys(r.returnConsumedCapacity(), null);
            k.select(r.projectionExpression() != null || r.attributesToGet() != null ? "SPECIFIC_ATTRIBUTES"
                    : "ALL_ATTRIBUTES");
            k.attributes(r.key().keySet());
            k.projection(r.projectionExpression(), r.attributesToGet(), r.expressionParameters());
            item(action, r.tableName(), r.key(), k);
        } else if (request instanceof PutItemRequest r) {
            Keys k = new Keys(r.returnConsumedCapacity(), r.returnValues());
            k.attributes(r.item().keySet());
            k.condition(r.conditionExpression(), r.expressionParameters(), r.legacy());
            item(action, r.tableName(), r.item(), k);
        } else if (request instanceof UpdateItemRequest r) {
            Keys k = new Keys(r.returnConsumedCapacity(), r.returnValues());
            k.attributes(r.key().keySet());
            if (r.updateExpression() != null) {
                k.attributes(Expressions.updateAttributes(r.updateExpression(), names(r.expressionParameters())));
            }
            if (r.attributeUpdates() != null) {
                k.attributes(r.attributeUpdates().keySet());
            }
            k.condition(r.conditionExpression(), r.expressionParameters(), r.legacy());
            item(action, r.tableName(), r.key(), k);
        } else if (request instanceof DeleteItemRequest r) {
            Keys k = new Keys(r.returnConsumedCapacity(), r.returnValues());
            k.attributes(r.key().keySet());
            k.condition(r.conditionExpression(), r.expressionParameters(), r.legacy());
            item(action, r.tableName(), r.key(), k);
        } else if (request instanceof ConditionCheckRequest r) {
            Keys k = new Keys(null, null);
            k.attributes(r.key().keySet());
            k.condition(r.conditionExpression(), r.expressionParameters(), LegacyConditional.NONE);
            item(action, r.tableName(), r.key(), k);
        } else if (request instanceof QueryRequest r) {
            read(action, r.options(), r);
        } else if (request instanceof ScanRequest r) {
            read(action, r.options(), null);
        } else if (request instanceof BatchGetItemRequest r) {
            r.requestItems().forEach((table, ka) -> {
                for (Map<String, AttributeValue> key : ka.keys()) {
                    Keys k = new Keys(r.returnConsumedCapacity(), null);
                    k.select(ka.projectionExpression() != null || ka.attributesToGet() != null
                            ? "SPECIFIC_ATTRIBUTES" : "ALL_ATTRIBUTES");
                    k.attributes(key.keySet());
                    k.projection(ka.projectionExpression(), ka.attributesToGet(), ka.expressionParameters());
                    item(action, table, key, k);
                }
            });
        } else if (request instanceof BatchWriteItemRequest r) {
            r.requestItems().forEach((table, writes) -> {
                for (BatchWriteItemRequest.WriteRequest w : writes) {
                    Map<String, AttributeValue> item = w.item() != null ? w.item() : w.key();
                    Keys k = new Keys(r.returnConsumedCapacity(), null);
                    k.attributes(item.keySet());
                    item(action, table, item, k);
                }
            });
        } else if (request instanceof TransactGetItemsRequest r) {
            for (GetItemRequest get : r.gets()) {
                add("dynamodb:GetItem", get);
            }
        } else if (request instanceof TransactWriteItemsRequest r) {
            for (TransactWriteItem w : r.transactItems()) {
                if (w.put() != null) {
                    add("dynamodb:PutItem", w.put());
                } else if (w.update() != null) {
                    add("dynamodb:UpdateItem", w.update());
                } else if (w.delete() != null) {
                    add("dynamodb:DeleteItem", w.delete());
                } else {
                    add("dynamodb:ConditionCheckItem", w.conditionCheck());
                }
            }
        } else if (request instanceof ExecuteStatementRequest r) {
            out.addAll(PartiqlAccesses.of(r.statement(), "ExecuteStatement", r.returnConsumedCapacity(), engine));
        } else if (request instanceof BatchExecuteStatementRequest r) {
            for (ParameterizedStatement s : r.statements()) {
                out.addAll(PartiqlAccesses.of(s, "BatchExecuteStatement", r.returnConsumedCapacity(), engine));
            }
        } else if (request instanceof ExecuteTransactionRequest r) {
            for (ParameterizedStatement s : r.statements()) {
                out.addAll(PartiqlAccesses.of(s, "ExecuteTransaction", r.returnConsumedCapacity(), engine));
            }
        } else if (request instanceof TagsRequest r) {
            out.add(new Access(action, r.resourceArn(), Map.of()));
        } else {
            out.add(new Access(action, resourceOf(request), Map.of()));
        }
    }

    /**
     * Table-level requests name their table, stream or resource ARN; the rest (ListTables) act on all tables
     * of the account, {@code table/*}.
     */
    private String resourceOf(Object request) {
        Optional<Method> accessor = RESOURCE_ACCESSORS.computeIfAbsent(request.getClass(), RequestAccesses::accessor);
        if (accessor.isEmpty()) {
            return engine.tableArn("*");
        }
        try {
            Object value = accessor.get().invoke(request);
            if (value == null) {
                return engine.tableArn("*");
            }
            String name = accessor.get().getName();
            return name.equals("tableName") ? engine.tableArn(value.toString()) : value.toString();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Method> accessor(Class<?> type) {
        for (String name : List.of("tableName", "streamArn", "resourceArn")) {
            try {
                Method m = type.getMethod(name);
                if (m.getReturnType() == String.class) {
                    return Optional.of(m);
                }
            } catch (NoSuchMethodException e) {
                // not this one
            }
        }
        return Optional.empty();
    }

    private void read(String action, ReadOptions o, QueryRequest query) {
        String resource = engine.tableArn(o.tableName())
                + (o.indexName() == null ? "" : "/index/" + o.indexName());
        Keys k = new Keys(o.returnConsumedCapacity(), null);
        boolean projected = o.projectionExpression() != null || o.attributesToGet() != null;
        k.select(o.select() != null ? o.select() : projected ? "SPECIFIC_ATTRIBUTES"
                : o.indexName() != null ? "ALL_PROJECTED_ATTRIBUTES" : "ALL_ATTRIBUTES");
        k.projection(o.projectionExpression(), o.attributesToGet(), o.expressionParameters());
        Map<String, String> names = names(o.expressionParameters());
        if (o.filterExpression() != null) {
            k.attributes(Expressions.conditionAttributes(o.filterExpression(), names));
        }
        if (o.legacyFilter() != null) {
            k.attributes(o.legacyFilter().keySet());
        }
        if (query != null) {
            KeySchema schema = schema(o.tableName(), o.indexName());
            AttributeValue leading = null;
            if (query.keyConditionExpression() != null) {
                k.attributes(Expressions.conditionAttributes(query.keyConditionExpression(), names));
                if (schema != null) {
                    KeyCondition.Part part = Expressions.keyCondition(query.keyConditionExpression(),
                            new ExpressionContext(names, o.expressionParameters() == null ? null
                                    : o.expressionParameters().values())).part(schema.hashName());
                    leading = part != null && part.operator() == KeyCondition.Operator.EQ ? part.values().get(0) : null;
                }
            } else if (query.keyConditions() != null) {
                k.attributes(query.keyConditions().keySet());
                LegacyCondition c = schema == null ? null : query.keyConditions().get(schema.hashName());
                if (c != null && "EQ".equals(c.comparisonOperator()) && c.attributeValueList() != null
                        && !c.attributeValueList().isEmpty()) {
                    leading = c.attributeValueList().get(0);
                }
            }
            if (leading != null) {
                k.put("dynamodb:leadingkeys", List.of(text(leading)));
            }
        }
        out.add(new Access(action, resource, k.done()));
    }

    private void item(String action, String table, Map<String, AttributeValue> item, Keys k) {
        KeySchema schema = schema(table, null);
        if (schema != null && item.get(schema.hashName()) != null) {
            k.put("dynamodb:leadingkeys", List.of(text(item.get(schema.hashName()))));
        }
        out.add(new Access(action, engine.tableArn(table), k.done()));
    }

    private KeySchema schema(String table, String index) {
        Optional<TableDefinition> t = table == null ? Optional.empty() : catalog.find(table);
        if (t.isEmpty()) {
            return null;
        }
        if (index == null) {
            return t.get().keySchema();
        }
        return t.get().index(index).map(i -> i.keySchema()).orElse(null);
    }

    /** A key value as IAM compares it: strings as they are, numbers as written, binaries in base64. */
    static String text(AttributeValue v) {
        if (v instanceof AttributeValue.S s) {
            return s.value();
        }
        if (v instanceof AttributeValue.N n) {
            return n.value().toString();
        }
        if (v instanceof AttributeValue.B b) {
            return b.value().base64();
        }
        return v.toString();
    }

    private static Map<String, String> names(ExpressionParameters p) {
        return p == null ? null : p.names();
    }

    /** The DynamoDB condition keys of one access, built up by the request's parts. */
    static final class Keys {
        private final Map<String, List<String>> keys = new HashMap<>(8);
        private final Set<String> attributes = new LinkedHashSet<>();

        Keys(String returnConsumedCapacity, ReturnValues returnValues) {
            if (returnConsumedCapacity != null) {
                keys.put("dynamodb:returnconsumedcapacity", List.of(returnConsumedCapacity));
            }
            if (returnValues != null) {
                keys.put("dynamodb:returnvalues", List.of(returnValues.name()));
            }
        }

        void select(String select) {
            keys.put("dynamodb:select", List.of(select));
        }

        void put(String key, List<String> values) {
            keys.put(key, values);
        }

        void attributes(Collection<String> names) {
            attributes.addAll(names);
        }

        void projection(String expression, List<String> attributesToGet, ExpressionParameters p) {
            if (expression != null) {
                attributes.addAll(Expressions.projectionAttributes(expression, names(p)));
            }
            if (attributesToGet != null) {
                attributes.addAll(attributesToGet);
            }
        }

        void condition(String expression, ExpressionParameters p, LegacyConditional legacy) {
            if (expression != null) {
                attributes.addAll(Expressions.conditionAttributes(expression, names(p)));
            }
            if (legacy != null && legacy.expected() != null) {
                attributes.addAll(legacy.expected().keySet());
            }
        }

        Map<String, List<String>> done() {
            if (!attributes.isEmpty()) {
                keys.put("dynamodb:attributes", List.copyOf(attributes));
            }
            return keys;
        }
    }
}
