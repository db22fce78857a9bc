package io.dynarocks.protocol.expression;

import io.dynarocks.protocol.expression.parser.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Resolution of written paths and the checks DynamoDB makes on them, shared by all expression kinds. */
final class PathChecks {

    private PathChecks() {}

    /** The first path identifier that is a reserved word, in textual order, or null. */
    static String firstReserved(List<Syntax.Path> paths) {
        for (Syntax.Path p : paths) {
            for (Syntax.Segment s : p.segments()) {
                if (s instanceof Syntax.Ident id && ReservedWords.isReserved(id.text())) {
                    return id.text();
                }
            }
        }
        return null;
    }

    /** Resolves #names; {@code onUndefined} receives the first undefined placeholder (and must throw). */
    static DocumentPath resolve(Syntax.Path path, ExpressionContext ctx, Consumer<String> onUndefined) {
        List<DocumentPath.Element> elements = new ArrayList<>();
        for (Syntax.Segment s : path.segments()) {
            if (s instanceof Syntax.Ident id) {
                elements.add(new DocumentPath.Name(id.text()));
            } else if (s instanceof Syntax.NameRef ref) {
                String name = ctx.name(ref.placeholder());
                if (name == null) {
                    onUndefined.accept(ref.placeholder());
                    throw new IllegalStateException("undefined name not reported");
                }
                elements.add(new DocumentPath.Name(name));
            } else {
                elements.add(new DocumentPath.Index(((Syntax.Index) s).index()));
            }
        }
        return new DocumentPath(elements);
    }

    static String undefinedName(String placeholder) {
        return "An expression attribute name used in the document path is not defined; attribute name: " + placeholder;
    }

    static String undefinedValue(String placeholder) {
        return "An expression attribute value used in expression is not defined; attribute value: " + placeholder;
    }

    /**
     * DynamoDB's overlap and conflict rule for paths an update writes or a projection reads: a path that
     * is a prefix of another overlaps it; paths that step into the same element once by key and once by
     * index conflict. Overlaps are reported before conflicts. Returns the message, or null.
     */
    static String overlapOrConflict(List<DocumentPath> paths) {
        String conflict = null;
        for (int j = 1; j < paths.size(); j++) {
            for (int i = 0; i < j; i++) {
                DocumentPath one = paths.get(i);
                DocumentPath two = paths.get(j);
                Relation r = relation(one, two);
                if (r == Relation.OVERLAP) {
                    return "Two document paths overlap with each other; must remove or rewrite one of these paths; "
                            + "path one: " + one.describe() + ", path two: " + two.describe();
                }
                if (r == Relation.CONFLICT && conflict == null) {
                    conflict = "Two document paths conflict with each other; must remove or rewrite one of these "
                            + "paths; path one: " + one.describe() + ", path two: " + two.describe();
                }
            }
        }
        return conflict;
    }

    private enum Relation { NONE, OVERLAP, CONFLICT }

    private static Relation relation(DocumentPath a, DocumentPath b) {
        int n = Math.min(a.size(), b.size());
        for (int k = 0; k < n; k++) {
            DocumentPath.Element x = a.get(k);
            DocumentPath.Element y = b.get(k);
            if (x.getClass() != y.getClass()) {
                return Relation.CONFLICT;
            }
            if (!x.equals(y)) {
                return Relation.NONE;
            }
        }
        return Relation.OVERLAP;
    }
}
