package io.dynarocks.protocol.expression;

import static io.dynarocks.protocol.expression.ExpressionTestSupport.assertValidation;
import static io.dynarocks.protocol.expression.ExpressionTestSupport.ctx;
import static io.dynarocks.protocol.expression.ExpressionTestSupport.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KeyConditionExpressionTest {

    @Test
    void hashAndRangeConditionsBecomeParts() {
        KeyCondition k = Expressions.keyCondition("pk = :a AND :b > sk", ctx(":a", s("a"), ":b", s("b")));
        assertThat(k.parts()).containsExactly(
                new KeyCondition.Part("pk", KeyCondition.Operator.EQ, List.of(s("a"))),
                new KeyCondition.Part("sk", KeyCondition.Operator.LT, List.of(s("b"))));
        assertThat(Expressions.keyCondition("pk = :a and begins_with(sk, :b)", ctx(":a", s("a"), ":b", s("b")))
                .part("sk").operator()).isEqualTo(KeyCondition.Operator.BEGINS_WITH);
    }

    @Test
    void operatorsOutsideKeyConditionsAreRejected() {
        assertValidation(() -> Expressions.keyCondition("pk = :a OR pk = :a", ctx(":a", s("a"))),
                "Invalid operator used in KeyConditionExpression: OR");
        assertValidation(() -> Expressions.keyCondition("pk = :a AND pk = :a", ctx(":a", s("a"))),
                "KeyConditionExpressions must only contain one condition per key");
        assertValidation(() -> Expressions.keyCondition("pk.x = :a", ctx(":a", s("a"))),
                "KeyConditionExpressions cannot have conditions on nested attributes");
        assertValidation(() -> Expressions.keyCondition("a between :b and :a", ctx(":a", s("a"), ":b", s("b"))),
                "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be greater than or "
                        + "equal to lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: "
                        + "AttributeValue: {S:a}");
    }
}
