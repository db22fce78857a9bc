package io.dynarocks.protocol.expression;

import io.dynarocks.protocol.expression.parser.Syntax;
import java.util.ArrayList;
import java.util.List;

/** Collects nodes of a syntax tree in textual order. */
final class SyntaxWalk {

    private SyntaxWalk() {}

    static List<Syntax> preOrder(Syntax root) {
        List<Syntax> out = new ArrayList<>();
        visit(root, out);
        return out;
    }

    static List<Syntax> preOrder(List<? extends Syntax> roots) {
        List<Syntax> out = new ArrayList<>();
        for (Syntax r : roots) {
            visit(r, out);
        }
        return out;
    }

    static <T extends Syntax> List<T> ofType(List<Syntax> nodes, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (Syntax s : nodes) {
            if (type.isInstance(s)) {
                out.add(type.cast(s));
            }
        }
        return out;
    }

    private static void visit(Syntax s, List<Syntax> out) {
        if (s == null) {
            return;
        }
        out.add(s);
        for (Syntax child : children(s)) {
            visit(child, out);
        }
    }

    static List<Syntax> children(Syntax s) {
        List<Syntax> c = new ArrayList<>();
        if (s instanceof Syntax.Call x) {
            c.addAll(x.args());
        } else if (s instanceof Syntax.Compare x) {
            c.add(x.left());
            c.add(x.right());
        } else if (s instanceof Syntax.Between x) {
            c.add(x.value());
            c.add(x.low());
            c.add(x.high());
        } else if (s instanceof Syntax.In x) {
            c.add(x.value());
            c.addAll(x.candidates());
        } else if (s instanceof Syntax.And x) {
            c.add(x.left());
            c.add(x.right());
        } else if (s instanceof Syntax.Or x) {
            c.add(x.left());
            c.add(x.right());
        } else if (s instanceof Syntax.Not x) {
            c.add(x.condition());
        } else if (s instanceof Syntax.Arithmetic x) {
            c.add(x.left());
            c.add(x.right());
        } else if (s instanceof Syntax.Action x) {
            c.add(x.path());
            if (x.value() != null) {
                c.add(x.value());
            }
        } else if (s instanceof Syntax.Clause x) {
            c.addAll(x.actions());
        }
        return c;
    }
}
