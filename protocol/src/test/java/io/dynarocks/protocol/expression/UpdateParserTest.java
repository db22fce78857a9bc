package io.dynarocks.protocol.expression;

import static io.dynarocks.protocol.expression.ExpressionTestSupport.assertValidation;
import static io.dynarocks.protocol.expression.ExpressionTestSupport.ctx;
import static io.dynarocks.protocol.expression.ExpressionTestSupport.n;
import static io.dynarocks.protocol.expression.ExpressionTestSupport.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.protocol.AttributeValue;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class UpdateParserTest {

    private static final AttributeValue NS = new AttributeValue.NS(Set.of(io.dynarocks.protocol.DynamoNumber.parse("1")));

    private static Update update(String text, ExpressionContext ctx) {
        return Expressions.update(text, ctx);
    }

    @Test
    void allFourClausesInAnyOrderBecomeActionsInOrder() {
        Update u = update("remove x[1] ADD c :n set a.b = if_not_exists(a.b, :n) + :n, l = list_append(l, :l) "
                + "delete d :ns", ctx(":n", n("1"), ":l", new AttributeValue.L(List.of()), ":ns", NS));
        assertThat(u.actions()).containsExactly(
                new UpdateAction.Remove(DocumentPath.of("x", 1)),
                new UpdateAction.Add(DocumentPath.of("c"), n("1")),
                new UpdateAction.Set(DocumentPath.of("a", "b"), new UpdateValue.Arithmetic(true,
                        new UpdateValue.IfNotExists(DocumentPath.of("a", "b"), new UpdateValue.Literal(n("1"))),
                        new UpdateValue.Literal(n("1")))),
                new UpdateAction.Set(DocumentPath.of("l"), new UpdateValue.ListAppend(
                        new UpdateValue.PathValue(DocumentPath.of("l")),
                        new UpdateValue.Literal(new AttributeValue.L(List.of())))),
                new UpdateAction.Delete(DocumentPath.of("d"), NS));
        assertThat(u.modifiedAttributes()).containsExactly("x", "c", "a", "l", "d");
    }

    @Test
    void parenthesizedSetValuesAreAllowed() {
        Update u = update("set a = (b - :n)", ctx(":n", n("1")));
        assertThat(u.actions()).containsExactly(new UpdateAction.Set(DocumentPath.of("a"), new UpdateValue.Arithmetic(
                false, new UpdateValue.PathValue(DocumentPath.of("b")), new UpdateValue.Literal(n("1")))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"whatever", "set a", "add a", "delete a", "set a=set", "remove a = b", "add a = b",
        "delete a b", "add abort b", "remove a b", "set :a = b", "remove :a", "set a = b / c", "set a = b * c",
        "set a[1] = \"eight\"", "set a[1] = 1", "SET if_not_exist(a, b) = a", "set (a = (b + c))",
        "set a = b + c + d"})
    void malformedUpdatesAreSyntaxErrors(String expression) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> update(expression, ctx()))
                .hasMessageStartingWith("Invalid UpdateExpression: Syntax error; token: ");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "SET a|Syntax error; token: \"<EOF>\", near: \"a\"",
        "set a = :v,|Syntax error; token: \"<EOF>\", near: \",\"",
        "SET _123 = :v|Syntax error; token: \"_\", near: \"SET _123\"",
        "ADD  SET #createdAt|Syntax error; token: \"SET\", near: \"ADD  SET #createdAt\"",
        "INVALID SYNTAX|Syntax error; token: \"INVALID\", near: \"INVALID SYNTAX\"",
        "SET path = VALUE 1|Syntax error; token: \"1\", near: \"VALUE 1\"",
    })
    void syntaxErrorsQuoteTheTokensAroundTheError(String expression, String message) {
        assertValidation(() -> update(expression, ctx()), "Invalid UpdateExpression: " + message);
    }

    @Test
    void emptyUpdateIsRejected() {
        assertValidation(() -> update("", ctx()), "Invalid UpdateExpression: The expression can not be empty;");
    }

    @Test
    void reservedWordsAreReportedBeforeRepeatedSections() {
        assertValidation(() -> update(" set #c = :c set abOrt = true ", ctx()),
                "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: abOrt");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"set a = #c set c = :d|SET", "remove #d set a = b remove e|REMOVE",
        "add #d :e set a = b add e :f|ADD", "delete #d :e set a = b delete #e :f|DELETE"})
    void eachSectionMayAppearOnce(String expression, String section) {
        assertValidation(() -> update(expression, ctx()), "Invalid UpdateExpression: The \"" + section
                + "\" section can only be used once in an update expression;");
    }

    @Test
    void unknownFunctionsAndUndefinedPlaceholdersAreReported() {
        assertValidation(() -> update("set #c = if_not_exist(:c) set c = d", ctx()),
                "Invalid UpdateExpression: Invalid function name; function: if_not_exist");
        assertValidation(() -> update("SET #c = if_not_exists(:c)", ctx(Map.of("#a", "a"))),
                "Invalid UpdateExpression: An expression attribute name used in the document path is not defined; "
                        + "attribute name: #c");
        assertValidation(() -> update("SET #a = if_not_exists(:c)", ctx(Map.of("#a", "a"))),
                "Invalid UpdateExpression: An expression attribute value used in expression is not defined; "
                        + "attribute value: :c");
    }

    @Test
    void overlappingPathsAreRejectedBeforeConflictingOnes() {
        ExpressionContext names = ctx(Map.of("#c", "c", "#d", "[3]"));
        assertValidation(() -> update("set d[1] = a, d.b = a, c[1].a = a, #c = if_not_exists(a)", names),
                "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one of "
                        + "these paths; path one: [c, [1], a], path two: [c]");
        assertValidation(() -> update("set #c[3].#d = a, #c.#d[3] = if_not_exists(a)", names),
                "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of "
                        + "these paths; path one: [c, [3], [3]], path two: [c, [3], [3]]");
        assertValidation(() -> update("remove a.b set a[1] = :v", ctx(":v", s("x"))),
                "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite one of "
                        + "these paths; path one: [a, b], path two: [a, [1]]");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"add a.b :a|S|ADD|STRING", "delete a.b :a|S|DELETE|STRING",
        "add a.b :a|BOOL|ADD|BOOLEAN", "delete a.b :a|N|DELETE|NUMBER", "add a.b :a|L|ADD|LIST"})
    void addAndDeleteRejectOperandsOfTheWrongType(String expression, String type, String op, String word) {
        AttributeValue v = switch (type) {
            case "S" -> s("a");
            case "N" -> n("1");
            case "BOOL" -> new AttributeValue.BOOL(false);
            default -> new AttributeValue.L(List.of());
        };
        assertValidation(() -> update(expression, ctx(":a", v)), "Invalid UpdateExpression: Incorrect operand type "
                + "for operator or function; operator: " + op + ", operand type: " + word);
    }

    @Test
    void functionsCheckOperandCountsPathsAndTypes() {
        assertValidation(() -> update("set a = if_not_exists(c)", ctx()), "Invalid UpdateExpression: Incorrect "
                + "number of operands for operator or function; operator or function: if_not_exists, number of operands: 1");
        assertValidation(() -> update("set a = if_not_exists(:a, c)", ctx(":a", s("a"))), "Invalid UpdateExpression: "
                + "Operator or function requires a document path; operator or function: if_not_exists");
        assertValidation(() -> update("set a = list_append(:a, a)", ctx(":a", s("a"))), "Invalid UpdateExpression: "
                + "Incorrect operand type for operator or function; operator or function: list_append, operand type: S");
        assertValidation(() -> update("set a = a - :a", ctx(":a", new AttributeValue.M(Map.of()))),
                "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: -, "
                        + "operand type: M");
    }

    @Test
    void usedPlaceholdersAreTrackedAcrossUpdateAndCondition() {
        ExpressionContext ctx = ctx(Map.of("#a", "a", "#b", "b"), ":a", s("a"), ":b", s("a"));
        update("remove a set b = list_append(b, if_not_exists(a, :a))", ctx);
        Expressions.condition("a = :b", ctx, "ConditionExpression");
        org.assertj.core.api.Assertions.assertThatThrownBy(ctx::checkAllUsed).hasMessageMatching(
                "Value provided in ExpressionAttributeNames unused in expressions: keys: \\{(#a, #b|#b, #a)}");
    }
}
