package io.dynarocks.protocol.expression.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.Comparator;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.DocumentPath;
import io.dynarocks.protocol.expression.KeyCondition;
import io.dynarocks.protocol.expression.Operand;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LegacyParametersTest {

    private static final AttributeValue A = new AttributeValue.S("a");
    private static final AttributeValue B = new AttributeValue.S("b");

    @Test
    void expectedTranslatesToTheSameConditionAsAnExpression() {
        Map<String, ExpectedAttributeValue> expected = new LinkedHashMap<>();
        expected.put("a", new ExpectedAttributeValue(A, null, null, null));
        expected.put("b", new ExpectedAttributeValue(null, false, null, null));
        assertThat(LegacyParameters.fromExpected(expected, "OR")).isEqualTo(new Condition.Or(
                new Condition.Comparison(Comparator.EQ, new Operand.Path(DocumentPath.of("a")), new Operand.Value(A)),
                new Condition.AttributeNotExists(DocumentPath.of("b"))));
    }

    @Test
    void expectedValidationMessagesMatchDynamoDb() {
        assertThatThrownBy(() -> LegacyParameters.fromExpected(Map.of("a", new ExpectedAttributeValue(A, null, "BETWEEN", null)), null))
                .hasMessage("One or more parameter values were invalid: Invalid number of argument(s) for the BETWEEN ComparisonOperator");
        assertThatThrownBy(() -> LegacyParameters.fromExpected(Map.of("a", new ExpectedAttributeValue(null, null, null, null)), null))
                .hasMessage("One or more parameter values were invalid: Value must be provided when Exists is null for Attribute: a");
        assertThatThrownBy(() -> LegacyParameters.fromExpected(Map.of("a", new ExpectedAttributeValue(A, false, null, null)), null))
                .hasMessage("One or more parameter values were invalid: Value cannot be used when Exists is false for Attribute: a");
    }

    @Test
    void filterConditionsCheckTypesAndBounds() {
        assertThatThrownBy(() -> LegacyParameters.fromFilter(Map.of("a", new LegacyCondition("LT",
                List.of(new AttributeValue.BOOL(true)))), null))
                .hasMessage("One or more parameter values were invalid: ComparisonOperator LT is not valid for BOOL AttributeValue type");
        assertThatThrownBy(() -> LegacyParameters.fromFilter(Map.of("a", new LegacyCondition("BETWEEN", List.of(B, A))), null))
                .hasMessage("The BETWEEN condition was provided a range where the lower bound is greater than the upper bound");
        assertThat(LegacyParameters.fromFilter(Map.of("a", new LegacyCondition("NOT_NULL", null)), null))
                .isEqualTo(new Condition.AttributeExists(DocumentPath.of("a")));
    }

    @Test
    void attributeUpdatesValidateActionsAndTypes() {
        assertThatThrownBy(() -> LegacyParameters.fromAttributeUpdates(Map.of("a", new AttributeValueUpdate(null, "PUT"))))
                .hasMessage("One or more parameter values were invalid: Only DELETE action is allowed when no attribute value is specified");
        assertThatThrownBy(() -> LegacyParameters.fromAttributeUpdates(Map.of("a", new AttributeValueUpdate(A, "ADD"))))
                .hasMessage("One or more parameter values were invalid: ADD action is not supported for the type S");
        assertThatThrownBy(() -> LegacyParameters.fromAttributeUpdates(Map.of("a", new AttributeValueUpdate(A, "DELETE"))))
                .hasMessage("One or more parameter values were invalid: DELETE action with value is not supported for the type S");
        assertThat(LegacyParameters.fromAttributeUpdates(Map.of("a", new AttributeValueUpdate(A, null))).modifiedAttributes())
                .containsExactly("a");
    }

    @Test
    void attributesToGetRejectsDuplicates() {
        assertThatThrownBy(() -> LegacyParameters.fromAttributesToGet(List.of("a", "a")))
                .hasMessage("One or more parameter values were invalid: Duplicate value in attribute name: a");
    }

    @Test
    void mixingLegacyAndExpressionParametersIsRejected() {
        assertThatThrownBy(() -> LegacyParameters.checkNotMixed(List.of("AttributeUpdates", "Expected"),
                List.of("UpdateExpression", "ConditionExpression")))
                .hasMessage("Can not use both expression and non-expression parameters in the same request: "
                        + "Non-expression parameters: {AttributeUpdates, Expected} Expression parameters: "
                        + "{UpdateExpression, ConditionExpression}");
        LegacyParameters.checkNotMixed("Expected", null);
    }

    @Test
    void keyConditionsBecomeKeyConditionParts() {
        KeyCondition k = LegacyParameters.fromKeyConditions(Map.of("pk", new LegacyCondition("EQ", List.of(A))));
        assertThat(k.part("pk")).isEqualTo(new KeyCondition.Part("pk", KeyCondition.Operator.EQ, List.of(A)));
    }
}
