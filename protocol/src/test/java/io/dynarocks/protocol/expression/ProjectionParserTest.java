package io.dynarocks.protocol.expression;

import static io.dynarocks.protocol.expression.ExpressionTestSupport.assertValidation;
import static io.dynarocks.protocol.expression.ExpressionTestSupport.ctx;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ProjectionParserTest {

    @Test
    void pathsWithMapKeysAndListIndexesResolve() {
        Projection p = Expressions.projection("a, #n.b[2][0].c, d", ctx(Map.of("#n", "name")));
        assertThat(p.paths()).containsExactly(DocumentPath.of("a"), DocumentPath.of("name", "b", 2, 0, "c"),
                DocumentPath.of("d"));
        assertThat(p.attributes()).containsExactly("a", "name", "d");
    }

    @Test
    void malformedProjectionsAreSyntaxErrors() {
        assertValidation(() -> Expressions.projection("l[a]", ctx()),
                "Invalid ProjectionExpression: Syntax error; token: \"a\", near: \"[a]\"");
        assertValidation(() -> Expressions.projection("a,", ctx()),
                "Invalid ProjectionExpression: Syntax error; token: \"<EOF>\", near: \",\"");
        assertValidation(() -> Expressions.projection("", ctx()),
                "Invalid ProjectionExpression: The expression can not be empty;");
    }

    @Test
    void reservedUndefinedAndOverlappingPathsAreRejected() {
        assertValidation(() -> Expressions.projection("a, name", ctx()),
                "Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name");
        assertValidation(() -> Expressions.projection("a, #x", ctx()), "Invalid ProjectionExpression: An expression "
                + "attribute name used in the document path is not defined; attribute name: #x");
        assertValidation(() -> Expressions.projection("a.b, a", ctx()), "Invalid ProjectionExpression: Two document "
                + "paths overlap with each other; must remove or rewrite one of these paths; path one: [a, b], "
                + "path two: [a]");
    }

    @Property(tries = 300)
    void arbitraryTextEitherParsesOrFailsWithAValidationMessage(@ForAll String text) {
        try {
            Expressions.projection(text, ctx());
            Expressions.condition(text, ctx(), "FilterExpression");
            Expressions.update(text, ctx());
        } catch (io.dynarocks.protocol.DynamoException e) {
            assertThat(e.getMessage()).startsWith("Invalid ");
        }
    }
}
