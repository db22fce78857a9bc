package io.dynarocks.protocol.expression;

import static io.dynarocks.protocol.expression.ExpressionTestSupport.ctx;
import static io.dynarocks.protocol.expression.ExpressionTestSupport.s;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExpressionCacheTest {

    @Test
    void theSyntaxTreeCacheEvictsPastItsSizeInsteadOfGrowingAndStillAnswersEveryExpression() {
        int distinct = 3 * 1024;
        for (int i = 0; i < distinct; i++) {
            Expressions.condition("attr" + i + " = :v", ctx(":v", s("x")), "ConditionExpression");
            Expressions.update("SET attr" + i + " = :v", ctx(":v", s("x")));
            Expressions.projection("attr" + i, ctx());
        }
        // one cache per kind of expression, each bounded at 1,024 entries
        assertThat(Expressions.cachedCount()).isLessThanOrEqualTo(3 * 1024L);
        // an evicted expression is parsed again, to the same result
        assertThat(Expressions.conditionAttributes("attr0 = :v", null)).containsExactly("attr0");
        assertThat(Expressions.updateAttributes("SET attr1 = :v", null)).containsExactly("attr1");
    }
}
