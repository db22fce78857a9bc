package io.dynarocks.engine.operation;

import io.dynarocks.engine.Engine;
import io.dynarocks.engine.read.KeyConditionRange;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.operation.ItemsResponse;
import io.dynarocks.protocol.expression.Expressions;
import io.dynarocks.protocol.expression.KeyCondition;
import io.dynarocks.protocol.expression.legacy.LegacyParameters;
import io.dynarocks.protocol.operation.QueryRequest;
import io.dynarocks.protocol.operation.ReadOptions;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.storage.KeyRange;
import java.util.Arrays;

/** Query: one range scan over one partition of a table or index. */
public final class QueryOperation implements Operation<QueryRequest> {

    private final Engine engine;

    public QueryOperation(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Response execute(QueryRequest request) {
        ReadOptions o = request.options();
        LegacyParameters.checkNotMixed(
                Arrays.asList(o.attributesToGet() != null ? "AttributesToGet" : null,
                        o.legacyFilter() != null ? "QueryFilter" : null,
                        o.conditionalOperator() != null ? "ConditionalOperator" : null,
                        // DynamoDB lets KeyConditions go with the other expressions, not with KeyConditionExpression.
                        request.keyConditions() != null && request.keyConditionExpression() != null
                                ? "KeyConditions" : null),
                Arrays.asList(o.projectionExpression() != null ? "ProjectionExpression" : null,
                        o.filterExpression() != null ? "FilterExpression" : null,
                        request.keyConditionExpression() != null ? "KeyConditionExpression" : null));
        boolean anyExpression = o.projectionExpression() != null || o.filterExpression() != null
                || request.keyConditionExpression() != null;
        ExpressionContext ctx = ItemExpressions.context(o.expressionParameters(), anyExpression,
                "KeyConditionExpression, FilterExpression and ProjectionExpression are null");
        KeyCondition keyCondition = keyCondition(request, ctx);
        return page(new PagedRead(engine, o, ctx, true), keyCondition, request);
    }

    /**
     * Runs a query whose key condition, filter (null for none) and projection (null for all) are resolved
     * already (a translated PartiQL SELECT); the request carries no expressions.
     */
    public ItemsResponse execute(QueryRequest request, KeyCondition keyCondition, Condition filter,
            Projection projection) {
        return page(new PagedRead(engine, request.options(), filter, projection), keyCondition, request);
    }

    private static ItemsResponse page(PagedRead read, KeyCondition keyCondition, QueryRequest request) {
        KeyRange range = KeyConditionRange.of(read.target(), keyCondition);
        if (request.options().exclusiveStartKey() != null) {
            KeyConditionRange.checkStart(read.target(), keyCondition, request.options().exclusiveStartKey());
        }
        // KeyConditionRange checked that the partition key is given, with one value.
        return read.page(range, !request.scanIndexForward(),
                keyCondition.part(read.target().keySchema().hashName()).values().get(0));
    }

    private static KeyCondition keyCondition(QueryRequest request, ExpressionContext ctx) {
        if (request.keyConditionExpression() != null) {
            return Expressions.keyCondition(request.keyConditionExpression(), ctx);
        }
        if (request.keyConditions() == null) {
            throw DynamoException.validation(
                    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request.");
        }
        if (request.keyConditions().size() != 1 && request.keyConditions().size() != 2) {
            throw DynamoException.validation("Conditions can be of length 1 or 2 only");
        }
        return LegacyParameters.fromKeyConditions(request.keyConditions());
    }
}
