package io.dynarocks.engine.expression;

import static io.dynarocks.engine.expression.Items.item;
import static io.dynarocks.engine.expression.Items.l;
import static io.dynarocks.engine.expression.Items.m;
import static io.dynarocks.engine.expression.Items.n;
import static io.dynarocks.engine.expression.Items.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Expressions;
import org.junit.jupiter.api.Test;

class ProjectorTest {

    @Test
    void nestedPathsKeepTheirStructureAndListElementsComeBackInIndexOrder() {
        var item = item("a", s("1"), "b", m("x", n("1"), "y", n("2")), "l", l(s("0"), s("1"), s("2"), s("3")));
        var p = Expressions.projection("l[3], b.y, l[1], absent, l[9]", ExpressionContext.empty());
        assertThat(Projector.project(p, item)).isEqualTo(item("b", m("y", n("2")), "l", l(s("1"), s("3"))));
    }
}
