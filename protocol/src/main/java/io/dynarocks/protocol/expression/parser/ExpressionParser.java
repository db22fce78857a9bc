package io.dynarocks.protocol.expression.parser;

import io.dynarocks.protocol.expression.Comparator;
import java.util.ArrayList;
import java.util.List;

/**
 * Hand-written recursive-descent parser for condition, update and projection expressions. It checks
 * syntax only and throws {@link SyntaxError}; names, values, functions and types are checked later.
 * Precedence, loosest first: OR, AND, NOT, then comparisons / BETWEEN / IN / functions.
 */
public final class ExpressionParser {

    private static final List<String> CONDITION_KEYWORDS = List.of("AND", "OR", "NOT", "BETWEEN", "IN");
    /** DynamoDB's complaint about "((x))" in a condition. */
    public static final String REDUNDANT_PARENTHESES = "The expression has redundant parentheses;";
    private static final List<String> UPDATE_KEYWORDS = List.of("SET", "REMOVE", "ADD", "DELETE");
    /** DynamoDB's limit on document nesting, which bounds document paths too. */
    private static final int MAX_PATH_DEPTH = 32;
    /**
     * Parentheses (grouping and function calls), and NOTs, nest at most this deep. Every level that is not
     * redundant ("((x))", which DynamoDB refuses) holds an operator or a function, and DynamoDB allows 300 of
     * those in an expression, so it refuses anything deeper too. Checked before parsing (NOTs as they are read),
     * so the recursion, and the stack it needs, is bounded whatever 4 KB a client sends.
     */
    static final int MAX_NESTING = 300;

    private final String source;
    private final List<Token> tokens;
    private final List<String> keywords;
    private int pos;
    private int furthest;
    private int redundant;
    private int negations;

    private ExpressionParser(String source, List<String> keywords) {
        this.source = source;
        this.tokens = Lexer.tokenize(source);
        this.keywords = keywords;
        checkNesting();
    }

    public static Syntax.ConditionTree parseCondition(String text) {
        ExpressionParser p = new ExpressionParser(text, CONDITION_KEYWORDS);
        return p.run(() -> {
            Syntax root = p.or();
            p.expectEnd();
            return new Syntax.ConditionTree(root, p.redundant > 0);
        });
    }

    public static List<Syntax.Clause> parseUpdate(String text) {
        ExpressionParser p = new ExpressionParser(text, UPDATE_KEYWORDS);
        return p.run(() -> {
            List<Syntax.Clause> clauses = new ArrayList<>();
            do {
                clauses.add(p.clause());
            } while (p.peek().kind() != Token.Kind.EOF);
            return clauses;
        });
    }

    public static List<Syntax.Path> parseProjection(String text) {
        ExpressionParser p = new ExpressionParser(text, List.of());
        return p.run(() -> {
            List<Syntax.Path> paths = new ArrayList<>();
            paths.add(p.path());
            while (p.acceptPunct(",")) {
                paths.add(p.path());
            }
            p.expectEnd();
            return paths;
        });
    }

    private interface Body<T> {
        T parse();
    }

    private <T> T run(Body<T> body) {
        try {
            return body.parse();
        } catch (Backtrack e) {
            throw syntaxError(furthest);
        }
    }

    private void checkNesting() {
        int depth = 0;
        for (Token t : tokens) {
            if (t.isPunct("(") && ++depth > MAX_NESTING) {
                // DynamoDB reports redundant parentheses after the syntax, so "((((a = b))))" says so however deep.
                throw keywords == CONDITION_KEYWORDS && hasDoubledParentheses()
                        ? new SyntaxError(REDUNDANT_PARENTHESES) : tooDeep(depth);
            } else if (t.isPunct(")") && depth > 0) {
                depth--;
            }
        }
    }

    /** Whether some "((" closes with "))", matching pairs with a stack rather than recursion. */
    private boolean hasDoubledParentheses() {
        int[] openAt = new int[tokens.size()];
        int top = 0;
        int lastOpen = -2;
        int lastClose = -2;
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isPunct("(")) {
                openAt[top++] = i;
            } else if (tokens.get(i).isPunct(")") && top > 0) {
                int open = openAt[--top];
                if (lastClose == i - 1 && lastOpen == open + 1) {
                    return true;
                }
                lastOpen = open;
                lastClose = i;
            }
        }
        return false;
    }

    private static SyntaxError tooDeep(int levels) {
        return new SyntaxError("The expression has too many nesting levels; nesting levels: " + levels);
    }

    // ---- conditions ----

    private Syntax or() {
        Syntax left = and();
        while (acceptWord("OR")) {
            left = new Syntax.Or(left, and());
        }
        return left;
    }

    private Syntax and() {
        Syntax left = not();
        while (acceptWord("AND")) {
            left = new Syntax.And(left, not());
        }
        return left;
    }

    private Syntax not() {
        if (acceptWord("NOT")) {
            // NOT nests without parentheses; each one is an operator, so it counts as a level too.
            if (++negations > MAX_NESTING) {
                throw tooDeep(negations);
            }
            Syntax inner = not();
            negations--;
            return new Syntax.Not(inner);
        }
        return primary();
    }

    private Syntax primary() {
        int savedPos = pos;
        int savedRedundant = redundant;
        try {
            return simpleCondition();
        } catch (Backtrack e) {
            pos = savedPos;
            redundant = savedRedundant;
        }
        expectPunct("(");
        boolean doubled = peek().isPunct("(");
        Syntax inner = or();
        expectPunct(")");
        noteRedundant(doubled, savedPos);
        return inner;
    }

    private Syntax simpleCondition() {
        Syntax left = operand();
        Token t = peek();
        if (t.kind() == Token.Kind.PUNCT && List.of("=", "<>", "<", "<=", ">", ">=").contains(t.text())) {
            pos++;
            return new Syntax.Compare(Comparator.ofSymbol(t.text()), left, operand());
        }
        if (acceptWord("BETWEEN")) {
            Syntax low = operand();
            expectWord("AND");
            return new Syntax.Between(left, low, operand());
        }
        if (acceptWord("IN")) {
            expectPunct("(");
            List<Syntax> candidates = new ArrayList<>();
            candidates.add(operand());
            while (acceptPunct(",")) {
                candidates.add(operand());
            }
            expectPunct(")");
            return new Syntax.In(left, candidates);
        }
        if (left instanceof Syntax.Call) {
            return left;
        }
        throw fail();
    }

    private Syntax operand() {
        Token t = peek();
        int start = pos;
        if (t.isPunct("(")) {
            pos++;
            boolean doubled = peek().isPunct("(");
            Syntax inner = operand();
            expectPunct(")");
            noteRedundant(doubled, start);
            return inner;
        }
        if (t.kind() == Token.Kind.VALUE_REF) {
            pos++;
            return new Syntax.ValueRef(t.text());
        }
        if (isFunctionStart()) {
            return call(this::operand);
        }
        return path();
    }

    /** "((x))": the inner parentheses must close right before the outer ones. */
    private void noteRedundant(boolean doubled, int openAt) {
        if (doubled && tokens.get(pos - 2).isPunct(")") && matchingOpen(pos - 2) == openAt + 1) {
            redundant++;
        }
    }

    private int matchingOpen(int closeAt) {
        int depth = 0;
        for (int i = closeAt; i >= 0; i--) {
            if (tokens.get(i).isPunct(")")) {
                depth++;
            } else if (tokens.get(i).isPunct("(") && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    // ---- updates ----

    private Syntax.Clause clause() {
        Token t = peek();
        String keyword = t.kind() == Token.Kind.NAME ? t.text().toUpperCase(java.util.Locale.ROOT) : "";
        if (!UPDATE_KEYWORDS.contains(keyword)) {
            throw fail();
        }
        pos++;
        List<Syntax.Action> actions = new ArrayList<>();
        do {
            Syntax.Path path = path();
            Syntax value = null;
            if (keyword.equals("SET")) {
                expectPunct("=");
                value = setValue();
            } else if (!keyword.equals("REMOVE")) {
                Token v = peek();
                if (v.kind() != Token.Kind.VALUE_REF) {
                    throw fail();
                }
                pos++;
                value = new Syntax.ValueRef(v.text());
            }
            actions.add(new Syntax.Action(path, value));
        } while (acceptPunct(","));
        return new Syntax.Clause(keyword, actions);
    }

    /**
     * DynamoDB's SET value grammar: {@code operand [(+|-) operand]}, optionally in one pair of parentheses;
     * an operand is a path, a value or a function (whose arguments are operands), itself optionally in one
     * pair of parentheses. So functions nest, arithmetic does not.
     */
    private Syntax setValue() {
        Syntax left = setOperand(true);
        if (left instanceof Syntax.Arithmetic) {
            return left;
        }
        if (peek().isPunct("+") || peek().isPunct("-")) {
            boolean plus = tokens.get(pos++).isPunct("+");
            return new Syntax.Arithmetic(plus, left, setOperand(false));
        }
        return left;
    }

    /** @param whole true where the parentheses may hold the whole {@code a + b} of a SET value */
    private Syntax setOperand(boolean whole) {
        Token t = peek();
        if (t.isPunct("(")) {
            pos++;
            Syntax inner = plainOperand();
            if (whole && (peek().isPunct("+") || peek().isPunct("-"))) {
                boolean plus = tokens.get(pos++).isPunct("+");
                inner = new Syntax.Arithmetic(plus, inner, plainOperand());
            }
            expectPunct(")");
            return inner;
        }
        return plainOperand();
    }

    private Syntax plainOperand() {
        Token t = peek();
        if (t.kind() == Token.Kind.VALUE_REF) {
            pos++;
            return new Syntax.ValueRef(t.text());
        }
        if (isFunctionStart()) {
            return call(() -> setOperand(false));
        }
        return path();
    }

    // ---- shared ----

    private boolean isFunctionStart() {
        Token t = peek();
        return t.kind() == Token.Kind.NAME && !isKeyword(t) && tokens.get(pos + 1).isPunct("(");
    }

    private Syntax.Call call(Body<Syntax> argument) {
        String name = tokens.get(pos).text();
        pos += 2;
        List<Syntax> args = new ArrayList<>();
        args.add(argument.parse());
        while (acceptPunct(",")) {
            args.add(argument.parse());
        }
        expectPunct(")");
        return new Syntax.Call(name, args);
    }

    private Syntax.Path path() {
        List<Syntax.Segment> segments = new ArrayList<>();
        segments.add(pathName());
        while (true) {
            if (acceptPunct(".")) {
                segments.add(pathName());
            } else if (peek().isPunct("[")) {
                pos++;
                Token n = peek();
                if (n.kind() != Token.Kind.NUMBER || n.text().length() > 9) {
                    throw fail();
                }
                pos++;
                segments.add(new Syntax.Index(Integer.parseInt(n.text())));
                expectPunct("]");
            } else {
                if (segments.size() > MAX_PATH_DEPTH) {
                    throw new SyntaxError("The document path has too many nesting levels; nesting levels: "
                            + segments.size());
                }
                return new Syntax.Path(segments);
            }
        }
    }

    private Syntax.Segment pathName() {
        Token t = peek();
        if (t.kind() == Token.Kind.NAME && !isKeyword(t)) {
            pos++;
            return new Syntax.Ident(t.text());
        }
        if (t.kind() == Token.Kind.NAME_REF) {
            pos++;
            return new Syntax.NameRef(t.text());
        }
        throw fail();
    }

    private boolean isKeyword(Token t) {
        for (String k : keywords) {
            if (t.isWord(k)) {
                return true;
            }
        }
        return false;
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private boolean acceptPunct(String p) {
        if (peek().isPunct(p)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptWord(String w) {
        if (peek().isWord(w)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expectPunct(String p) {
        if (!acceptPunct(p)) {
            throw fail();
        }
    }

    private void expectWord(String w) {
        if (!acceptWord(w)) {
            throw fail();
        }
    }

    private void expectEnd() {
        if (peek().kind() != Token.Kind.EOF) {
            throw fail();
        }
    }

    private Backtrack fail() {
        furthest = Math.max(furthest, pos);
        return Backtrack.INSTANCE;
    }

    /**
     * DynamoDB's syntax error: the offending token, and the text "near" it, from the token before
     * it to the token after it.
     */
    private SyntaxError syntaxError(int at) {
        Token bad = tokens.get(at);
        int from = at > 0 ? tokens.get(at - 1).start() : bad.start();
        String near;
        if (bad.kind() == Token.Kind.EOF) {
            near = at > 0 ? source.substring(from) : "";
        } else {
            Token next = tokens.get(at + 1);
            boolean showNext = next.kind() != Token.Kind.EOF && next.kind() != Token.Kind.INVALID;
            near = source.substring(from, showNext ? next.end() : bad.end());
        }
        return new SyntaxError(bad.text(), near);
    }

    /** Control flow for backtracking; carries no stack trace. */
    private static final class Backtrack extends RuntimeException {
        static final Backtrack INSTANCE = new Backtrack();

        private Backtrack() {
            super(null, null, false, false);
        }
    }
}
