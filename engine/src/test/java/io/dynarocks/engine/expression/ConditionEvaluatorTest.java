package io.dynarocks.engine.expression;

import static io.dynarocks.engine.expression.Items.item;
import static io.dynarocks.engine.expression.Items.l;
import static io.dynarocks.engine.expression.Items.m;
import static io.dynarocks.engine.expression.Items.n;
import static io.dynarocks.engine.expression.Items.s;
import static io.dynarocks.engine.expression.Items.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Expressions;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConditionEvaluatorTest {

    private static final Map<String, AttributeValue> ITEM = item("pk", s("k"), "n", n("10"), "str", s("é𝄞x"),
            "tags", ss("red", "blue"), "doc", m("arr", l(n("1"), m("c", s("deep")))), "flag", new AttributeValue.BOOL(true));

    private static boolean test(String expression, Object... values) {
        Map<String, AttributeValue> v = item(values);
        ExpressionContext ctx = new ExpressionContext(Map.of("#s", "status"), v.isEmpty() ? null : v);
        return ConditionEvaluator.test(Expressions.condition(expression, ctx, "ConditionExpression"), ITEM);
    }

    @Test
    void comparisonsOfNumbersStringsAndNestedPaths() {
        assertThat(test("n = :v", ":v", n("10.0"))).isTrue();
        assertThat(test("n < :v", ":v", n("9"))).isFalse();
        assertThat(test("doc.arr[1].c = :v", ":v", s("deep"))).isTrue();
        assertThat(test("doc.arr[1].c >= :v", ":v", s("dee"))).isTrue();
    }

    @Test
    void comparingAnAttributeOfAnotherTypeIsFalseNotAnError() {
        assertThat(test("n = :v", ":v", s("10"))).isFalse();
        assertThat(test("n < :v", ":v", s("10"))).isFalse();
        assertThat(test("n <> :v", ":v", s("10"))).isTrue();
        assertThat(test("flag < :v", ":v", n("1"))).isFalse();
    }

    @Test
    void orderingAConstantOfATypeWithoutOrderIsAnError() {
        assertThatThrownBy(() -> test("flag < :v", ":v", new AttributeValue.BOOL(true)))
                .isInstanceOf(DynamoException.class)
                .hasMessage("Invalid ConditionExpression: Incorrect operand type for operator or function; "
                        + "operator or function: <, operand type: BOOLEAN");
    }

    @Test
    void missingAttributesCompareFalseExceptNotEqual() {
        assertThat(test("#s = :v", ":v", s("x"))).isFalse();
        assertThat(test("#s <> :v", ":v", s("x"))).isTrue();
        assertThat(test("attribute_not_exists(#s) AND attribute_exists(doc.arr[0])")).isTrue();
        assertThat(test("attribute_exists(doc.arr[5])")).isFalse();
    }

    @Test
    void betweenInAndLogicalOperators() {
        assertThat(test("n BETWEEN :a AND :b", ":a", n("1"), ":b", n("10"))).isTrue();
        assertThat(test("n IN (:a, :b)", ":a", n("1"), ":b", n("10"))).isTrue();
        assertThat(test("NOT n IN (:a) OR n = :a", ":a", n("10"))).isTrue();
    }

    @Test
    void functionsFollowDynamoDbSemantics() {
        assertThat(test("begins_with(str, :p)", ":p", s("é"))).isTrue();
        assertThat(test("contains(tags, :t) AND contains(str, :x)", ":t", s("red"), ":x", s("x"))).isTrue();
        assertThat(test("contains(doc.arr, :v)", ":v", n("1"))).isTrue();
        assertThat(test("attribute_type(tags, :t)", ":t", s("SS"))).isTrue();
        // size() of a string counts UTF-16 code units, as DynamoDB does: é (1) + 𝄞 (2) + x (1).
        assertThat(test("size(str) = :n", ":n", n("4"))).isTrue();
        assertThat(test("size(doc.arr) = :n AND size(tags) = :n", ":n", n("2"))).isTrue();
        assertThat(test("size(n) = :n", ":n", n("2"))).isFalse();
    }

    @Test
    void aMissingItemIsAnEmptyMap() {
        var c = Expressions.condition("attribute_not_exists(pk)", ExpressionContext.empty(), "ConditionExpression");
        assertThat(ConditionEvaluator.test(c, Map.of())).isTrue();
    }

    @Test
    void stringsCompareByUtf8BytesNotUtf16Units() {
        // U+FF61 sorts before U+1F600 in UTF-8, after its surrogate pair in UTF-16.
        var c = Expressions.condition("a < :b", new ExpressionContext(null, Map.of(":b", s("\uD83D\uDE00"))),
                "ConditionExpression");
        assertThat(ConditionEvaluator.test(c, item("a", s("\uFF61")))).isTrue();
    }
}
