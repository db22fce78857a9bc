package io.dynarocks.protocol.expression;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.parser.ExpressionParser;
import io.dynarocks.protocol.expression.parser.Syntax;
import io.dynarocks.protocol.expression.parser.SyntaxError;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.function.Function;

/**
 * Entry point: parses expression text (syntax trees are cached by text), then resolves it against the
 * request's {@link ExpressionContext}, throwing DynamoDB's ValidationException messages.
 */
public final class Expressions {

    private static final int MAX_EXPRESSION_BYTES = 4096;
    private static final int MAX_CACHED = 1024;

    private static final Cache<String, Syntax.ConditionTree> CONDITIONS = bounded();
    private static final Cache<String, List<Syntax.Clause>> UPDATES = bounded();
    private static final Cache<String, List<Syntax.Path>> PROJECTIONS = bounded();

    private Expressions() {}

    /** A cache of syntax trees by text that evicts the least used past {@link #MAX_CACHED} entries. */
    private static <T> Cache<String, T> bounded() {
        return Caffeine.newBuilder().maximumSize(MAX_CACHED).build();
    }

    /** A ConditionExpression or FilterExpression; {@code parameterName} names it in messages. */
    public static Condition condition(String text, ExpressionContext ctx, String parameterName) {
        Syntax.ConditionTree tree = parse(text, parameterName, CONDITIONS, ExpressionParser::parseCondition);
        return new ConditionResolver(ctx, parameterName).resolve(tree);
    }

    public static Update update(String text, ExpressionContext ctx) {
        List<Syntax.Clause> clauses = parse(text, "UpdateExpression", UPDATES, ExpressionParser::parseUpdate);
        return new UpdateResolver(ctx).resolve(clauses);
    }

    public static Projection projection(String text, ExpressionContext ctx) {
        List<Syntax.Path> paths = parse(text, "ProjectionExpression", PROJECTIONS, ExpressionParser::parseProjection);
        return ProjectionResolver.resolve(paths, ctx);
    }

    /** A KeyConditionExpression; checking it against the key schema is left to the caller. */
    public static KeyCondition keyCondition(String text, ExpressionContext ctx) {
        return KeyConditionResolver.resolve(condition(text, ctx, "KeyConditionExpression"));
    }

    /**
     * The top-level attribute names a ConditionExpression, FilterExpression or KeyConditionExpression refers
     * to, directly or through {@code names}: what IAM's {@code dynamodb:Attributes} sees. Parsed once (cached).
     */
    public static Set<String> conditionAttributes(String text, Map<String, String> names) {
        Syntax.ConditionTree tree = parse(text, "ConditionExpression", CONDITIONS, ExpressionParser::parseCondition);
        return topLevel(SyntaxWalk.preOrder(tree.root()), names);
    }

    /** The top-level attribute names an UpdateExpression reads or writes. */
    public static Set<String> updateAttributes(String text, Map<String, String> names) {
        return topLevel(SyntaxWalk.preOrder(parse(text, "UpdateExpression", UPDATES, ExpressionParser::parseUpdate)),
                names);
    }

    /** The top-level attribute names a ProjectionExpression returns. */
    public static Set<String> projectionAttributes(String text, Map<String, String> names) {
        return topLevel(SyntaxWalk.preOrder(parse(text, "ProjectionExpression", PROJECTIONS,
                ExpressionParser::parseProjection)), names);
    }

    private static Set<String> topLevel(List<Syntax> nodes, Map<String, String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (Syntax node : nodes) {
            if (node instanceof Syntax.Path path && !path.segments().isEmpty()) {
                Syntax.Segment first = path.segments().get(0);
                if (first instanceof Syntax.Ident ident) {
                    out.add(ident.text());
                } else if (first instanceof Syntax.NameRef ref && names != null && names.get(ref.placeholder()) != null) {
                    out.add(names.get(ref.placeholder()));
                }
            }
        }
        return out;
    }

    private static <T> T parse(String text, String parameter, Cache<String, T> cache, Function<String, T> parser) {
        T cached = cache.getIfPresent(text);
        if (cached != null) {
            return cached;
        }
        if (text.isEmpty()) {
            throw invalid(parameter, "The expression can not be empty;");
        }
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size > MAX_EXPRESSION_BYTES) {
            throw invalid(parameter, "Expression size has exceeded the maximum allowed size; expression size: " + size);
        }
        T parsed;
        try {
            parsed = parser.apply(text);
        } catch (SyntaxError e) {
            throw invalid(parameter, e.getMessage());
        } catch (StackOverflowError e) {
            throw invalid(parameter, "Expression size has exceeded the maximum allowed size; expression size: " + size);
        }
        cache.put(text, parsed);
        return parsed;
    }

    /** How many syntax trees are cached, after pending evictions: for tests. */
    static long cachedCount() {
        long n = 0;
        for (Cache<String, ?> cache : List.of(CONDITIONS, UPDATES, PROJECTIONS)) {
            cache.cleanUp();
            n += cache.estimatedSize();
        }
        return n;
    }

    private static DynamoException invalid(String parameter, String message) {
        return DynamoException.validation("Invalid " + parameter + ": " + message);
    }
}
