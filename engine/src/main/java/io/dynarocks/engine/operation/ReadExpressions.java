package io.dynarocks.engine.operation;

import io.dynarocks.engine.expression.ConditionEvaluator;
import io.dynarocks.engine.read.ReadTarget;
import io.dynarocks.engine.read.Selection;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Expressions;
import io.dynarocks.protocol.expression.Projection;
import io.dynarocks.protocol.expression.legacy.LegacyParameters;
import io.dynarocks.protocol.operation.ReadOptions;
import java.util.Map;
import java.util.function.Predicate;

/** The filter and projection of a Query or Scan, from expressions or their legacy parameters. */
final class ReadExpressions {

    private ReadExpressions() {}

    /** The filter condition, or null. */
    static Condition filter(ReadOptions o, ExpressionContext ctx) {
        return o.filterExpression() != null
                ? Expressions.condition(o.filterExpression(), ctx, "FilterExpression")
                : LegacyParameters.fromFilter(o.legacyFilter(), o.conditionalOperator());
    }

    static Predicate<Map<String, AttributeValue>> predicate(Condition c) {
        return c == null ? null : item -> ConditionEvaluator.test(c, item);
    }

    static Selection selection(ReadOptions o, ExpressionContext ctx, ReadTarget target) {
        Projection projection = o.projectionExpression() != null
                ? Expressions.projection(o.projectionExpression(), ctx)
                : o.attributesToGet() != null ? LegacyParameters.fromAttributesToGet(o.attributesToGet()) : null;
        String parameter = o.projectionExpression() != null ? "ProjectionExpression"
                : o.attributesToGet() != null ? "AttributesToGet" : null;
        return Selection.of(o.select(), projection, parameter, target);
    }
}
