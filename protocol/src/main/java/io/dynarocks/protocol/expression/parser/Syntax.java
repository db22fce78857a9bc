package io.dynarocks.protocol.expression.parser;

import io.dynarocks.protocol.expression.Comparator;
import java.util.List;

/**
 * The syntax tree of an expression before #name and :value placeholders are resolved; it depends
 * only on the expression text, so it can be cached by text.
 */
public sealed interface Syntax {

    /** One step of a path as written. */
    sealed interface Segment permits Ident, NameRef, Index {}

    record Ident(String text) implements Segment {}

    record NameRef(String placeholder) implements Segment {}

    record Index(int index) implements Segment {}

    record Path(List<Segment> segments) implements Syntax {}

    record ValueRef(String placeholder) implements Syntax {}

    record Call(String name, List<Syntax> args) implements Syntax {}

    record Compare(Comparator op, Syntax left, Syntax right) implements Syntax {}

    record Between(Syntax value, Syntax low, Syntax high) implements Syntax {}

    record In(Syntax value, List<Syntax> candidates) implements Syntax {}

    record And(Syntax left, Syntax right) implements Syntax {}

    record Or(Syntax left, Syntax right) implements Syntax {}

    record Not(Syntax condition) implements Syntax {}

    record Arithmetic(boolean plus, Syntax left, Syntax right) implements Syntax {}

    /** One action of an update clause; {@code value} is null for REMOVE. */
    record Action(Path path, Syntax value) implements Syntax {}

    /** A clause: keyword in upper case (SET, REMOVE, ADD, DELETE) and its actions. */
    record Clause(String keyword, List<Action> actions) implements Syntax {}

    /** A parsed condition; {@code redundantParentheses} is DynamoDB's "((x))" complaint, reported after syntax. */
    record ConditionTree(Syntax root, boolean redundantParentheses) {}
}
