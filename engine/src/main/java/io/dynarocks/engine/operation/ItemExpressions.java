package io.dynarocks.engine.operation;

import io.dynarocks.engine.expression.ConditionEvaluator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Expressions;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.expression.legacy.LegacyParameters;
import io.dynarocks.protocol.operation.ExpressionParameters;
import io.dynarocks.protocol.operation.LegacyConditional;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Turns a request's expression parameters into resolved ASTs, with DynamoDB's request-level checks. */
public final class ItemExpressions {

    private ItemExpressions() {}

    /**
     * The expression context of a request; {@code usedBy} names the expression parameters that
     * could use the maps, for DynamoDB's "can only be specified when using expressions" messages.
     */
    public static ExpressionContext context(ExpressionParameters p, boolean anyExpression, String nullExpressions) {
        if (!anyExpression) {
            if (p.values() != null) {
                throw DynamoException.validation(
                        "ExpressionAttributeValues can only be specified when using expressions: " + nullExpressions);
            }
            if (p.names() != null) {
                throw DynamoException.validation("ExpressionAttributeNames can only be specified when using expressions");
            }
        }
        ExpressionContext ctx = new ExpressionContext(p.names(), p.values());
        ctx.checkKeys();
        return ctx;
    }

    /**
     * A write's condition — a ConditionExpression or the legacy Expected parameter, never both —
     * as a predicate over the old item, or null when there is none.
     */
    static Predicate<Map<String, AttributeValue>> condition(String text, LegacyConditional legacy,
            ExpressionContext ctx) {
        LegacyParameters.checkNotMixed(legacy.expected() != null ? "Expected" : null,
                text != null ? "ConditionExpression" : null);
        Condition c = text != null
                ? Expressions.condition(text, ctx, "ConditionExpression")
                : LegacyParameters.fromExpected(legacy.expected(), legacy.conditionalOperator());
        if (c == null) {
            return null;
        }
        return item -> ConditionEvaluator.test(c, item);
    }

    /**
     * The condition of a write whose only expression is its ConditionExpression (PutItem, DeleteItem,
     * ConditionCheck), after checking that the request uses every expression name and value it gives.
     */
    static Predicate<Map<String, AttributeValue>> writeCondition(String text, LegacyConditional legacy,
            ExpressionParameters p) {
        ExpressionContext ctx = context(p, text != null, "ConditionExpression is null");
        Predicate<Map<String, AttributeValue>> condition = condition(text, legacy, ctx);
        ctx.checkAllUsed();
        return condition;
    }

    /**
     * An item read's projection — a ProjectionExpression or the legacy AttributesToGet, never both — or null
     * for the whole item, after checking that the read uses every expression name it gives.
     */
    static Projection projection(String expression, List<String> attributesToGet, ExpressionParameters p) {
        LegacyParameters.checkNotMixed(attributesToGet != null ? "AttributesToGet" : null,
                expression != null ? "ProjectionExpression" : null);
        ExpressionContext ctx = context(p, expression != null, "ProjectionExpression is null");
        Projection projection = expression != null ? Expressions.projection(expression, ctx)
                : attributesToGet != null ? LegacyParameters.fromAttributesToGet(attributesToGet) : null;
        ctx.checkAllUsed();
        return projection;
    }
}
