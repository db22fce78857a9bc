package io.dynarocks.engine.expression;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Expressions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A random update on top-level number attributes, applied by the engine, matches a plain reference model. */
class UpdateModelProperties {

    /** One clause action: SET name = :v, SET name = name + :v (when present), REMOVE name or ADD name :v. */
    record Step(String kind, String name, int value) {}

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.of("SET", "INCREMENT", "REMOVE", "ADD"),
                Arbitraries.of("a", "b", "c", "d", "e"),
                Arbitraries.integers().between(-1000, 1000)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(5).uniqueElements(Step::name);
    }

    @Provide
    Arbitrary<Map<String, Integer>> items() {
        return Arbitraries.maps(Arbitraries.of("a", "b", "c", "d", "e"), Arbitraries.integers().between(-50, 50))
                .ofMaxSize(5);
    }

    @Property(tries = 500)
    void engineMatchesReferenceModel(@ForAll("items") Map<String, Integer> start, @ForAll("steps") List<Step> steps) {
        Map<String, AttributeValue> old = new LinkedHashMap<>();
        start.forEach((k, v) -> old.put(k, AttributeValue.n(Integer.toString(v))));
        Map<String, Integer> expected = new HashMap<>(start);
        List<String> sets = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        List<String> adds = new ArrayList<>();
        Map<String, AttributeValue> values = new HashMap<>();
        boolean missingOperand = false;
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String placeholder = ":v" + i;
            switch (s.kind()) {
                case "SET" -> {
                    sets.add(s.name() + " = " + placeholder);
                    values.put(placeholder, AttributeValue.n(Integer.toString(s.value())));
                    expected.put(s.name(), s.value());
                }
                case "INCREMENT" -> {
                    sets.add(s.name() + " = " + s.name() + " + " + placeholder);
                    values.put(placeholder, AttributeValue.n(Integer.toString(s.value())));
                    if (start.containsKey(s.name())) {
                        expected.put(s.name(), start.get(s.name()) + s.value());
                    } else {
                        missingOperand = true;
                    }
                }
                case "REMOVE" -> {
                    removes.add(s.name());
                    expected.remove(s.name());
                }
                default -> {
                    adds.add(s.name() + " " + placeholder);
                    values.put(placeholder, AttributeValue.n(Integer.toString(s.value())));
                    expected.put(s.name(), start.getOrDefault(s.name(), 0) + s.value());
                }
            }
        }
        StringBuilder text = new StringBuilder();
        if (!sets.isEmpty()) {
            text.append("SET ").append(String.join(", ", sets)).append(' ');
        }
        if (!removes.isEmpty()) {
            text.append("REMOVE ").append(String.join(", ", removes)).append(' ');
        }
        if (!adds.isEmpty()) {
            text.append("ADD ").append(String.join(", ", adds));
        }
        ExpressionContext ctx = new ExpressionContext(null, values.isEmpty() ? null : values);
        try {
            Map<String, AttributeValue> result = UpdateApplier.apply(Expressions.update(text.toString().trim(), ctx), old);
            assertThat(missingOperand).as("engine accepted an update of a missing operand").isFalse();
            Map<String, Integer> actual = new HashMap<>();
            result.forEach((k, v) -> actual.put(k, ((AttributeValue.N) v).value().bigDecimal().intValueExact()));
            assertThat(actual).isEqualTo(expected);
        } catch (DynamoException e) {
            assertThat(missingOperand).as("unexpected rejection: " + e.getMessage()).isTrue();
            assertThat(e.getMessage()).isEqualTo("The provided expression refers to an attribute that does not exist "
                    + "in the item");
        }
    }

}
