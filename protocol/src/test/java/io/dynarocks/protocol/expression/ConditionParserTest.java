package io.dynarocks.protocol.expression;

import static io.dynarocks.protocol.expression.ExpressionTestSupport.assertValidation;
import static io.dynarocks.protocol.expression.ExpressionTestSupport.ctx;
import static io.dynarocks.protocol.expression.ExpressionTestSupport.n;
import static io.dynarocks.protocol.expression.ExpressionTestSupport.s;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.protocol.AttributeValue;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConditionParserTest {

    private static Condition filter(String text, ExpressionContext ctx) {
        return Expressions.condition(text, ctx, "FilterExpression");
    }

    private static Operand path(Object... parts) {
        return new Operand.Path(DocumentPath.of(parts));
    }

    @Test
    void comparisonResolvesNamesAndValues() {
        Condition c = filter("#n.b[2].c >= :v", ctx(Map.of("#n", "status"), ":v", n("5")));
        assertThat(c).isEqualTo(new Condition.Comparison(Comparator.GE, path("status", "b", 2, "c"),
                new Operand.Value(n("5"))));
    }

    @Test
    void notBindsTighterThanAndWhichBindsTighterThanOr() {
        Condition c = filter("a = :v OR NOT b = :v AND c = :v", ctx(":v", s("x")));
        Condition a = new Condition.Comparison(Comparator.EQ, path("a"), new Operand.Value(s("x")));
        Condition b = new Condition.Comparison(Comparator.EQ, path("b"), new Operand.Value(s("x")));
        Condition cc = new Condition.Comparison(Comparator.EQ, path("c"), new Operand.Value(s("x")));
        assertThat(c).isEqualTo(new Condition.Or(a, new Condition.And(new Condition.Not(b), cc)));
    }

    @Test
    void parenthesesOverridePrecedenceAndParenthesizedOperandsAreAllowed() {
        Condition c = filter("(a = :v OR (b) = :v) AND attribute_exists(c)", ctx(":v", s("x")));
        assertThat(c).isInstanceOf(Condition.And.class);
        assertThat(((Condition.And) c).left()).isInstanceOf(Condition.Or.class);
        assertThat(((Condition.And) c).right()).isEqualTo(new Condition.AttributeExists(DocumentPath.of("c")));
    }

    @Test
    void betweenInAndFunctionsParse() {
        ExpressionContext ctx = ctx(":a", n("1"), ":b", n("2"), ":t", s("SS"), ":p", s("x"));
        assertThat(filter("a BETWEEN :a AND :b", ctx))
                .isEqualTo(new Condition.Between(path("a"), new Operand.Value(n("1")), new Operand.Value(n("2"))));
        assertThat(filter("a in (:a, :b)", ctx)).isInstanceOf(Condition.In.class);
        assertThat(filter("attribute_type(a, :t)", ctx)).isEqualTo(new Condition.AttributeType(path("a"), "SS"));
        assertThat(filter("begins_with(a, :p) and contains(b, :p)", ctx)).isInstanceOf(Condition.And.class);
        assertThat(filter("size(a) > :a", ctx)).isEqualTo(new Condition.Comparison(Comparator.GT,
                new Operand.Size(path("a")), new Operand.Value(n("1"))));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "a > 4|Syntax error; token: \"4\", near: \"> 4\"",
        "things are not gonna be ok|Syntax error; token: \"are\", near: \"things are not\"",
        "attribute_exists(asdf[a])|Syntax error; token: \"a\", near: \"[a]\"",
        "contains (themes, :theme|Syntax error; token: \"<EOF>\", near: \":theme\"",
        "attribute_type()|Syntax error; token: \")\", near: \"()\"",
        "a in (b,c,)|Syntax error; token: \")\", near: \",)\"",
        "a > between|Syntax error; token: \"between\", near: \"> between\"",
        "ü > a|Syntax error; token: \"ü\", near: \"ü >\"",
    })
    void syntaxErrorsNameTheTokenAndTheTextNearIt(String expression, String message) {
        assertValidation(() -> filter(expression, ctx(":theme", s("x"))), "Invalid FilterExpression: " + message);
    }

    @Test
    void emptyExpressionIsRejected() {
        assertValidation(() -> Expressions.condition("", ctx(), "ConditionExpression"),
                "Invalid ConditionExpression: The expression can not be empty;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=a and a > ((views))", "a=a AND ((a=a AND a=a)) AND a=a",
        "a=a OR ((a=a OR (a=a OR a=a)))"})
    void doubledParenthesesAreRedundant(String expression) {
        assertValidation(() -> filter(expression, ctx()),
                "Invalid FilterExpression: The expression has redundant parentheses;");
    }

    @Test
    void unknownFunctionsAreRejectedCaseSensitively() {
        assertValidation(() -> filter("attRIbute_exIsts(views, #a)", ctx()),
                "Invalid FilterExpression: Invalid function name; function: attRIbute_exIsts");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "attribute_not_exists(things) > b|attribute_not_exists",
        "size(contains(a, b)) > a|contains",
        "size(things)|size",
        "a in (b, attribute_exists(things))|attribute_exists",
    })
    void functionsUsedInTheWrongPlaceAreRejected(String expression, String function) {
        assertValidation(() -> filter(expression, ctx()),
                "Invalid FilterExpression: The function is not allowed to be used this way in an expression; function: "
                        + function);
    }

    @Test
    void reservedWordsMustBeWrittenAsNames() {
        assertValidation(() -> Expressions.condition("status = :v", ctx(":v", s("x")), "ConditionExpression"),
                "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status");
        assertValidation(() -> filter(":a < abOrT", ctx()),
                "Invalid FilterExpression: Attribute name is a reserved keyword; reserved keyword: abOrT");
    }

    @Test
    void undefinedNamesAndValuesAreReported() {
        assertValidation(() -> filter("#4g > a", ctx()), "Invalid FilterExpression: An expression attribute name "
                + "used in the document path is not defined; attribute name: #4g");
        assertValidation(() -> filter(":a < :b", ctx()), "Invalid FilterExpression: An expression attribute value "
                + "used in expression is not defined; attribute value: :a");
    }

    @Test
    void functionOperandCountsAndTypesAreChecked() {
        assertValidation(() -> filter("begins_with(things, size(a), b)", ctx()), "Invalid FilterExpression: "
                + "Incorrect number of operands for operator or function; operator or function: begins_with, "
                + "number of operands: 3");
        assertValidation(() -> filter("begins_with(a, :a)", ctx(":a", n("1"))), "Invalid FilterExpression: "
                + "Incorrect operand type for operator or function; operator or function: begins_with, operand type: N");
        assertValidation(() -> filter("size(:a) > a", ctx(":a", new AttributeValue.BOOL(true))),
                "Invalid FilterExpression: Incorrect operand type for operator or function; operator or function: "
                        + "size, operand type: BOOL");
        assertValidation(() -> filter("attribute_exists(:a) and a=a", ctx(":a", s("1"))),
                "Invalid FilterExpression: Operator or function requires a document path; operator or function: "
                        + "attribute_exists");
        assertValidation(() -> filter("attribute_type(a, :a)", ctx(":a", s("1"))), "Invalid FilterExpression: "
                + "Invalid attribute type name found; type: 1, valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}");
    }

    @Test
    void operandsMustBeDistinct() {
        assertValidation(() -> filter("#a <> a", ctx(Map.of("#a", "a"))), "Invalid FilterExpression: The first "
                + "operand must be distinct from the remaining operands for this operator or function; operator: <>, "
                + "first operand: [a]");
        assertValidation(() -> filter("contains(ab.bc[1].a, ab.bc[1].#a)", ctx(Map.of("#a", "a"))),
                "Invalid FilterExpression: The first operand must be distinct from the remaining operands for this "
                        + "operator or function; operator: contains, first operand: [ab, bc, [1], a]");
    }

    @Test
    void betweenBoundsMustBeOrderedAndOfOneType() {
        assertValidation(() -> filter("a between :b and :a", ctx(":a", s("a"), ":b", s("b"))),
                "Invalid FilterExpression: The BETWEEN operator requires upper bound to be greater than or equal to "
                        + "lower bound; lower bound operand: AttributeValue: {S:b}, upper bound operand: "
                        + "AttributeValue: {S:a}");
        assertValidation(() -> filter("a between :a and :b", ctx(":a", n("10"), ":b", s("a"))),
                "Invalid FilterExpression: The BETWEEN operator requires same data type for lower and upper bounds; "
                        + "lower bound operand: AttributeValue: {N:10}, upper bound operand: AttributeValue: {S:a}");
    }

    @Test
    void inAcceptsAtMostOneHundredOperands() {
        String list = IntStream.range(0, 101).mapToObj(i -> ":v").collect(Collectors.joining(","));
        assertValidation(() -> filter("a IN (" + list + ")", ctx(":v", s("x"))),
                "Invalid FilterExpression: The IN operator is provided with too many operands; number of operands: 101");
    }

    @Test
    void expressionsLongerThan4096BytesAreRejected() {
        String text = "a = :v" + " ".repeat(4091);
        assertValidation(() -> filter(text, ctx(":v", s("x"))),
                "Invalid FilterExpression: Expression size has exceeded the maximum allowed size; expression size: 4097");
    }

    @Test
    void deeplyNestedParenthesesParse() {
        String text = "(".repeat(1000) + "a = :v" + ")".repeat(1000);
        assertValidation(() -> filter(text, ctx(":v", s("x"))),
                "Invalid FilterExpression: The expression has redundant parentheses;");
    }

    @Test
    void parenthesesAndNotsNestAtMostThreeHundredLevels() {
        // DynamoDB allows 300 operators and functions; each level that is not redundant holds one.
        String deepest = "(a = :v OR ".repeat(299) + "(a = :v)" + ")".repeat(299);
        filter(deepest, ctx(":v", s("x")));
        String tooDeep = "(a = :v OR ".repeat(300) + "(a = :v)" + ")".repeat(300);
        assertValidation(() -> filter(tooDeep, ctx(":v", s("x"))),
                "Invalid FilterExpression: The expression has too many nesting levels; nesting levels: 301");
        filter("NOT ".repeat(300) + "a = :v", ctx(":v", s("x")));
        assertValidation(() -> filter("NOT ".repeat(301) + "a = :v", ctx(":v", s("x"))),
                "Invalid FilterExpression: The expression has too many nesting levels; nesting levels: 301");
        String functions = "size(".repeat(301) + "a" + ")".repeat(301) + " = :v";
        assertValidation(() -> filter(functions, ctx(":v", s("x"))),
                "Invalid FilterExpression: The expression has too many nesting levels; nesting levels: 301");
    }

    @Test
    void unusedNamesAndValuesAreReportedAfterAllExpressions() {
        ExpressionContext ctx = ctx(Map.of("#a", "a"), ":v", s("x"), ":w", s("y"));
        filter("#a = :v", ctx);
        assertValidation(ctx::checkAllUsed,
                "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
        ExpressionContext names = ctx(Map.of("#b", "b"));
        assertValidation(names::checkAllUsed,
                "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
    }
}
