package io.dynarocks.protocol.partiql;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.expression.Comparator;
import io.dynarocks.protocol.expression.DocumentPath;
import java.util.List;

/** An expression of a PartiQL statement, as parsed: parameters ({@code ?}) are not yet bound. */
public sealed interface Expr {

    /** A document path: an attribute name followed by map keys and list indexes. */
    record Path(DocumentPath path) implements Expr {}

    record Literal(AttributeValue value) implements Expr {}

    /** The {@code index}-th (0-based) {@code ?} of the statement. */
    record Parameter(int index) implements Expr {}

    /** {@code [a, b, ...]}. */
    record ListOf(List<Expr> elements) implements Expr {
        public ListOf {
            elements = List.copyOf(elements);
        }
    }

    /** {@code {'k': v, ...}}; keys in statement order. */
    record MapOf(List<String> keys, List<Expr> values) implements Expr {
        public MapOf {
            keys = List.copyOf(keys);
            values = List.copyOf(values);
        }
    }

    /** {@code <<a, b, ...>>}: a string, number or binary set. */
    record SetOf(List<Expr> elements) implements Expr {
        public SetOf {
            elements = List.copyOf(elements);
        }
    }

    record Compare(Comparator op, Expr left, Expr right) implements Expr {}

    /** {@code left + right} or {@code left - right}. */
    record Arithmetic(boolean plus, Expr left, Expr right) implements Expr {}

    record And(Expr left, Expr right) implements Expr {}

    record Or(Expr left, Expr right) implements Expr {}

    record Not(Expr operand) implements Expr {}

    record Between(Expr value, Expr low, Expr high) implements Expr {}

    record In(Expr value, List<Expr> candidates) implements Expr {
        public In {
            candidates = List.copyOf(candidates);
        }
    }

    /** {@code value IS [NOT] MISSING} ({@code missing}) or {@code value IS [NOT] NULL}. */
    record Is(Expr value, boolean missing, boolean negated) implements Expr {}

    /**
     * A function call; {@code name} is lower case ({@code begins_with}, {@code size}, ...); {@code line},
     * {@code column} (from 1) and {@code length} place its name in the statement.
     */
    record Call(String name, List<Expr> args, int line, int column, int length) implements Expr {
        public Call {
            args = List.copyOf(args);
        }

        /** The position of the name as DynamoDB reports it: {@code line:column:length}. */
        public String at() {
            return line + ":" + column + ":" + length;
        }
    }
}
