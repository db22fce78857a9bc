package io.dynarocks.engine.expression;

import static io.dynarocks.engine.expression.Items.item;
import static io.dynarocks.engine.expression.Items.l;
import static io.dynarocks.engine.expression.Items.m;
import static io.dynarocks.engine.expression.Items.n;
import static io.dynarocks.engine.expression.Items.ns;
import static io.dynarocks.engine.expression.Items.s;
import static io.dynarocks.engine.expression.Items.ss;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Expressions;
import io.dynarocks.protocol.expression.legacy.AttributeValueUpdate;
import io.dynarocks.protocol.expression.legacy.LegacyParameters;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UpdateApplierTest {

    private static Map<String, AttributeValue> apply(String expression, Map<String, AttributeValue> old, Object... values) {
        Map<String, AttributeValue> v = item(values);
        return UpdateApplier.apply(Expressions.update(expression, new ExpressionContext(null, v.isEmpty() ? null : v)), old);
    }

    @Test
    void setEvaluatesAllValuesAgainstTheOldItem() {
        assertThat(apply("SET a = b, b = a", item("a", s("1"), "b", s("2")))).isEqualTo(item("a", s("2"), "b", s("1")));
    }

    @Test
    void setArithmeticIfNotExistsAndListAppend() {
        Map<String, AttributeValue> out = apply("SET c = if_not_exists(c, :zero) + :one, l = list_append(l, :l)",
                item("l", l(n("1"))), ":zero", n("0"), ":one", n("1"), ":l", l(n("2")));
        assertThat(out).isEqualTo(item("l", l(n("1"), n("2")), "c", n("1")));
    }

    @Test
    void arithmeticOnAMissingAttributeIsAnError() {
        assertThatThrownBy(() -> apply("SET a = a + :v", item(), ":v", n("1")))
                .hasMessage("The provided expression refers to an attribute that does not exist in the item");
        assertThatThrownBy(() -> apply("SET a = a + :v", item("a", s("x")), ":v", n("1")))
                .hasMessage("An operand in the update expression has an incorrect data type");
    }

    @Test
    void numberOverflowIsReported() {
        assertThatThrownBy(() -> apply("SET a = a + :v", item("a", n("9.9E+125")), ":v", n("9.9E+125")))
                .hasMessage("Number overflow. Attempting to store a number with magnitude larger than supported range");
    }

    @Test
    void assigningPastTheEndOfAListAppends() {
        assertThat(apply("SET l[10] = :v, m.k = :v", item("l", l(n("1")), "m", m()), ":v", s("x")))
                .isEqualTo(item("l", l(n("1"), s("x")), "m", m("k", s("x"))));
    }

    @Test
    void removeShiftsListElementsAndUsesOldIndexes() {
        assertThat(apply("REMOVE l[0], l[2], m.a, absent", item("l", l(n("0"), n("1"), n("2"), n("3")), "m", m("a", n("1")))))
                .isEqualTo(item("l", l(n("1"), n("3")), "m", m()));
    }

    @Test
    void addCreatesOrCombinesNumbersAndSets() {
        Map<String, AttributeValue> out = apply("ADD c :one, s :s, t :s", item("c", n("5"), "s", ss("a")),
                ":one", n("1"), ":s", ss("b"));
        assertThat(out).isEqualTo(item("c", n("6"), "s", ss("a", "b"), "t", ss("b")));
        assertThatThrownBy(() -> apply("ADD s :n", item("s", ss("a")), ":n", ns("1")))
                .hasMessage("An operand in the update expression has an incorrect data type");
    }

    @Test
    void deletingTheLastElementsRemovesTheAttribute() {
        assertThat(apply("DELETE s :s, t :s", item("s", ss("a", "b"), "t", ss("a")), ":s", ss("a")))
                .isEqualTo(item("s", ss("b")));
    }

    @Test
    void nestedWritesNeedAnExistingParentOfTheRightType() {
        String message = "The document path provided in the update expression is invalid for update";
        assertThatThrownBy(() -> apply("SET b.a = :v", item(), ":v", s("x"))).hasMessage(message);
        assertThatThrownBy(() -> apply("SET c[1] = :v", item("c", m()), ":v", s("x"))).hasMessage(message);
        assertThatThrownBy(() -> apply("REMOVE y.a", item())).hasMessage(message);
    }

    @Test
    void legacyAttributeUpdatesUseTheirOwnMismatchMessage() {
        var update = LegacyParameters.fromAttributeUpdates(Map.of("d", new AttributeValueUpdate(n("1"), "ADD")));
        assertThatThrownBy(() -> UpdateApplier.apply(update, item("d", ns("1"))))
                .hasMessage("Type mismatch for attribute to update");
        var append = LegacyParameters.fromAttributeUpdates(Map.of("l", new AttributeValueUpdate(l(n("2")), "ADD")));
        assertThat(UpdateApplier.apply(append, item())).isEqualTo(item("l", l(n("2"))));
    }
}
