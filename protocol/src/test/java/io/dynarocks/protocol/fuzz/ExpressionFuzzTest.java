package io.dynarocks.protocol.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Expressions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Timeout;

/**
 * Coverage-guided fuzzing of the expression parsers and resolvers: whatever the text, the answer is the
 * expression or a ValidationException, never another exception and never a hang (Jazzer fails an input
 * that runs longer than its timeout). The names and values maps are fixed, so the fuzzer reaches the
 * resolvers through {@code #n}/{@code :v} references as well as the syntax errors.
 */
class ExpressionFuzzTest {

    private static final Set<String> VALIDATION = Set.of("ValidationException");

    /** The first byte picks the parameter (condition, key condition, update, projection) the rest is given to. */
    @DictionaryEntries({"AND", "OR", "NOT", "BETWEEN", "IN", "SET", "REMOVE", "ADD", "DELETE", "(", ")", "[", "]",
            ",", ".", "=", "<>", "<", "<=", ">", ">=", "+", "-", "#n", "#m", ":s", ":n", ":l", ":m", ":b",
            "#undefined", ":undefined", "attribute_exists(", "attribute_not_exists(", "attribute_type(",
            "begins_with(", "contains(", "size(", "if_not_exists(", "list_append(", "[0]", "[99999]", "a.b", "((",
            "))"})
    @Timeout(10)
    @FuzzTest(maxDuration = "10s")
    void expressionsAreParsedOrRefusedWithValidationException(FuzzedDataProvider data) {
        int kind = data.consumeInt(0, 3);
        String text = data.consumeRemainingAsString();
        FuzzChecks.onlyClientErrors(() -> {
            switch (kind) {
                case 0 -> Expressions.condition(text, context(), "ConditionExpression");
                case 1 -> Expressions.keyCondition(text, context());
                case 2 -> Expressions.update(text, context());
                default -> Expressions.projection(text, context());
            }
        }, VALIDATION);
    }

    private static ExpressionContext context() {
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        values.put(":s", new AttributeValue.S("text"));
        values.put(":n", AttributeValue.N.of("12.5"));
        values.put(":l", new AttributeValue.L(List.of(new AttributeValue.S("x"))));
        values.put(":m", new AttributeValue.M(Map.of("k", AttributeValue.N.of("1"))));
        values.put(":b", new AttributeValue.BOOL(true));
        return new ExpressionContext(Map.of("#n", "name", "#m", "nested"), values);
    }
}
