package io.dynarocks.protocol.expression;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.expression.parser.Syntax;
import java.util.ArrayList;
import java.util.List;

/** Turns projection paths into a {@link Projection}: reserved words, undefined names, then overlaps. */
final class ProjectionResolver {

    private ProjectionResolver() {}

    static Projection resolve(List<Syntax.Path> written, ExpressionContext ctx) {
        String reserved = PathChecks.firstReserved(written);
        if (reserved != null) {
            throw fail("Attribute name is a reserved keyword; reserved keyword: " + reserved);
        }
        List<DocumentPath> paths = new ArrayList<>();
        for (Syntax.Path p : written) {
            paths.add(PathChecks.resolve(p, ctx, name -> { throw fail(PathChecks.undefinedName(name)); }));
        }
        String overlap = PathChecks.overlapOrConflict(paths);
        if (overlap != null) {
            throw fail(overlap);
        }
        return new Projection(paths);
    }

    private static DynamoException fail(String message) {
        return DynamoException.validation("Invalid ProjectionExpression: " + message);
    }
}
