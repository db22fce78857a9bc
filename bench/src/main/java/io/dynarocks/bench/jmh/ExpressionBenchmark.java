package io.dynarocks.bench.jmh;

import io.dynarocks.engine.expression.ConditionEvaluator;
import io.dynarocks.engine.expression.UpdateApplier;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.Condition;
import io.dynarocks.protocol.expression.ExpressionContext;
import io.dynarocks.protocol.expression.Expressions;
import io.dynarocks.protocol.expression.Update;
import io.dynarocks.protocol.expression.parser.ExpressionParser;
import io.dynarocks.protocol.expression.parser.Syntax;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/** Expression parsing (uncached), resolution against a request's placeholders, and evaluation. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class ExpressionBenchmark {

    private static final String CONDITION =
            "attribute_exists(pk) AND (#n < :max OR begins_with(#d, :prefix)) AND size(#d) > :min";
    private static final String UPDATE = "SET #d = :data, version = if_not_exists(version, :zero) + :one ADD #n :one";

    private final Map<String, String> names = Map.of("#n", "n", "#d", "data");
    private final Map<String, AttributeValue> conditionValues = Map.of(":max", AttributeValue.N.of("100"),
            ":prefix", new AttributeValue.S("xx"), ":min", AttributeValue.N.of("10"));
    private final Map<String, AttributeValue> updateValues = Map.of(":data", new AttributeValue.S("new"),
            ":zero", AttributeValue.N.of("0"), ":one", AttributeValue.N.of("1"));
    private final Map<String, AttributeValue> item = CodecBenchmark.item();
    private final Condition condition = resolveCondition();
    private final Update update = resolveUpdate();

    @Benchmark
    public Syntax.ConditionTree parseCondition() {
        return ExpressionParser.parseCondition(CONDITION);
    }

    @Benchmark
    public List<Syntax.Clause> parseUpdate() {
        return ExpressionParser.parseUpdate(UPDATE);
    }

    /** What a request pays with the parse cache warm: lookup plus resolution of placeholders. */
    @Benchmark
    public Condition resolveCondition() {
        return Expressions.condition(CONDITION, new ExpressionContext(names, conditionValues), "ConditionExpression");
    }

    @Benchmark
    public Update resolveUpdate() {
        return Expressions.update(UPDATE, new ExpressionContext(names, updateValues));
    }

    @Benchmark
    public boolean evaluateCondition() {
        return ConditionEvaluator.test(condition, item);
    }

    @Benchmark
    public Map<String, AttributeValue> applyUpdate() {
        return UpdateApplier.apply(update, item);
    }
}
