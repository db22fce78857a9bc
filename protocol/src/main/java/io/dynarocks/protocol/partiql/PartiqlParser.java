package io.dynarocks.protocol.partiql;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.DynamoNumber;
import io.dynarocks.protocol.expression.Comparator;
import io.dynarocks.protocol.expression.DocumentPath;
import io.dynarocks.protocol.partiql.Lexer.Kind;
import io.dynarocks.protocol.partiql.Lexer.Token;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recursive-descent parser of DynamoDB's PartiQL dialect (SELECT, INSERT, UPDATE, DELETE). Errors are
 * DynamoDB's: {@code Statement wasn't well formed, can't be processed: <detail>}, without a position
 * (DynamoDB gives none). Parsed statements are cached by their text, parameters unbound.
 */
public final class PartiqlParser {

    /** DynamoDB's prefix of syntax errors. */
    public static final String NOT_WELL_FORMED = "Statement wasn't well formed, can't be processed: ";

    private static final int MAX_CACHED = 1024;
    private static final Map<String, Statement> CACHE = new ConcurrentHashMap<>();

    /** Reserved words that are infix operators: where a term should start they are "Unexpected operator". */
    private static final Set<String> OPERATOR_WORDS = Set.of("and", "or", "in", "is", "between", "like");

    private final String text;
    private final List<Token> tokens;
    private int pos;
    private int parameters;

    private PartiqlParser(String text) {
        this.text = text;
        this.tokens = Lexer.tokenize(text);
    }

    /** Parses a statement (cached by text). */
    public static Statement parse(String text) {
        Statement cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        Statement parsed = parseUncached(text);
        if (CACHE.size() >= MAX_CACHED) {
            CACHE.clear();
        }
        CACHE.put(text, parsed);
        return parsed;
    }

    /** Parses a statement without the cache (benchmarks measure this). */
    public static Statement parseUncached(String text) {
        return new PartiqlParser(text).statement();
    }

    private Statement statement() {
        Token first = peek();
        Statement s;
        if (first.isKeyword("select")) {
            s = select();
        } else if (first.isKeyword("insert")) {
            s = insert();
        } else if (first.isKeyword("update")) {
            s = update();
        } else if (first.isKeyword("delete")) {
            s = delete();
        } else if (first.isKeyword("from")) {
            s = fromFirstUpdate();
        } else if (first.isKeyword("exists") && peek(1).is("(")) {
            s = exists();
        } else if (first.kind() == Kind.INVALID) {
            throw malformed("");
        } else {
            throw malformed("Expected data manipulation");
        }
        if (peek().is(";")) {
            pos++;
        }
        if (peek().kind() == Kind.INVALID) {
            throw malformed("");
        }
        if (peek().kind() != Kind.EOF) {
            throw malformed("Unexpected token after expression");
        }
        return s;
    }

    private Statement select() {
        pos++;
        List<Expr.Path> projection = null;
        if (peek().is("*")) {
            pos++;
        } else {
            projection = new ArrayList<>();
            do {
                Token start = peek();
                Expr e = term();
                // DynamoDB projects attributes and document paths only: a function call or a literal here
                // is refused with the position of its first token.
                if (!(e instanceof Expr.Path p)) {
                    throw DynamoException.validation("Unexpected path component at " + position(start));
                }
                projection.add(p);
            } while (accept(","));
        }
        expectKeyword("from", "Unexpected term");
        String[] target = tableAndIndex();
        rejectAlias();
        Expr where = null;
        if (acceptKeyword("where")) {
            where = condition();
        }
        List<Statement.OrderBy> orderBy = new ArrayList<>();
        if (acceptKeyword("order")) {
            expectKeyword("by", "Unexpected term");
            do {
                Expr.Path key = path();
                boolean desc = false;
                if (acceptKeyword("desc")) {
                    desc = true;
                } else {
                    acceptKeyword("asc");
                }
                orderBy.add(new Statement.OrderBy(key, desc));
            } while (accept(","));
        }
        return new Statement.Select(target[0], target[1], projection, where, orderBy, parameters);
    }

    private Statement insert() {
        pos++;
        expectKeyword("into", "Unexpected term");
        String table = tableName();
        expectKeyword("value", "Unexpected token after expression");
        Expr value = term();
        return new Statement.Insert(table, value, parameters);
    }

    private Statement update() {
        pos++;
        String table = tableName();
        rejectAlias();
        List<Statement.Change> changes = changes();
        Expr where = acceptKeyword("where") ? condition() : null;
        return new Statement.Update(table, changes, where, returning(), parameters);
    }

    /**
     * PartiQL's FROM-first form of UPDATE, {@code FROM "t" WHERE ... SET ... REMOVE ...}, which DynamoDB runs
     * exactly as {@code UPDATE "t" SET ... WHERE ...} although its PartiQL reference shows only the latter.
     */
    private Statement fromFirstUpdate() {
        pos++;
        String table = tableName();
        rejectAlias();
        expectKeyword("where", "Unexpected term");
        Expr where = condition();
        List<Statement.Change> changes = changes();
        return new Statement.Update(table, changes, where, returning(), parameters);
    }

    /** {@code EXISTS(SELECT ...)}: the condition check of a transaction of writes. */
    private Statement exists() {
        pos += 2;
        if (!peek().isKeyword("select")) {
            throw failure("Unexpected term");
        }
        Statement.Select select = (Statement.Select) select();
        expect(")", "Unexpected term");
        return new Statement.Exists(select);
    }

    /** One or more SET and REMOVE clauses, in any order. */
    private List<Statement.Change> changes() {
        List<Statement.Change> changes = new ArrayList<>();
        while (true) {
            if (acceptKeyword("set")) {
                do {
                    Expr.Path target = path();
                    expect("=", "Unexpected term");
                    changes.add(new Statement.Set(target, additive()));
                } while (accept(","));
            } else if (acceptKeyword("remove")) {
                do {
                    changes.add(new Statement.Remove(path()));
                } while (accept(","));
            } else {
                break;
            }
        }
        if (changes.isEmpty()) {
            throw malformed("Unexpected term");
        }
        return changes;
    }

    private Statement delete() {
        pos++;
        expectKeyword("from", "Unexpected term");
        String table = tableName();
        rejectAlias();
        Expr where = acceptKeyword("where") ? condition() : null;
        return new Statement.Delete(table, where, returning(), parameters);
    }

    private Statement.Returning returning() {
        if (!acceptKeyword("returning")) {
            return Statement.Returning.NONE;
        }
        boolean all;
        if (acceptKeyword("all")) {
            all = true;
        } else if (acceptKeyword("modified")) {
            all = false;
        } else {
            throw malformed("Unexpected term");
        }
        boolean old;
        if (acceptKeyword("old")) {
            old = true;
        } else if (acceptKeyword("new")) {
            old = false;
        } else {
            throw malformed("Unexpected term");
        }
        expect("*", "Unexpected term");
        return all ? (old ? Statement.Returning.ALL_OLD : Statement.Returning.ALL_NEW)
                : (old ? Statement.Returning.MODIFIED_OLD : Statement.Returning.MODIFIED_NEW);
    }

    private String tableName() {
        Token t = peek();
        if (t.kind() == Kind.QUOTED || t.kind() == Kind.WORD && !isKeyword(t)) {
            pos++;
            return t.text();
        }
        if (t.kind() == Kind.INVALID) {
            throw malformed("");
        }
        throw malformed("Expected identifier for simple path");
    }

    private String[] tableAndIndex() {
        Token t = peek();
        if (t.kind() == Kind.EOF || t.is(";")) {
            throw malformed("Unexpected term");
        }
        String table = tableName();
        String index = null;
        if (accept(".")) {
            index = tableName();
            if (peek().is(".")) {
                throw DynamoException.validation("A path may contain at most 2 components in the FROM clause");
            }
        }
        if (table.isEmpty() || "".equals(index)) {
            throw DynamoException.validation("Path component cannot be an empty string");
        }
        return new String[] {table, index};
    }

    /** A table alias ({@code FROM "t" t} or {@code AS t}) gets DynamoDB's own message. */
    private void rejectAlias() {
        Token t = peek();
        if (t.isKeyword("as") || t.kind() == Kind.QUOTED || t.kind() == Kind.WORD && !isKeyword(t)) {
            throw DynamoException.validation("Aliasing is not supported");
        }
    }

    // Conditions: OR < AND < NOT < predicate < additive < term.

    private Expr condition() {
        Expr left = conjunction();
        while (acceptKeyword("or")) {
            checkRightHandSide();
            left = new Expr.Or(left, conjunction());
        }
        return left;
    }

    private Expr conjunction() {
        Expr left = negation();
        while (acceptKeyword("and")) {
            checkRightHandSide();
            left = new Expr.And(left, negation());
        }
        return left;
    }

    private void checkRightHandSide() {
        if (peek().kind() == Kind.EOF || peek().is(";")) {
            throw malformed("Missing right-hand side expression of infix operator");
        }
    }

    private Expr negation() {
        if (acceptKeyword("not")) {
            return new Expr.Not(negation());
        }
        return predicate();
    }

    private Expr predicate() {
        Expr left = additive();
        Token t = peek();
        if (t.kind() == Kind.PUNCT && isComparison(t.text())) {
            pos++;
            Comparator op = t.text().equals("!=") ? Comparator.NE : Comparator.ofSymbol(t.text());
            checkRightHandSide();
            return new Expr.Compare(op, left, additive());
        }
        boolean negated = false;
        if (t.isKeyword("not") && (peek(1).isKeyword("between") || peek(1).isKeyword("in"))) {
            pos++;
            negated = true;
        }
        Expr result = left;
        if (acceptKeyword("between")) {
            Expr low = additive();
            expectKeyword("and", "Unexpected term");
            result = new Expr.Between(left, low, additive());
        } else if (acceptKeyword("in")) {
            result = new Expr.In(left, candidates());
        } else if (acceptKeyword("is")) {
            boolean not = acceptKeyword("not");
            if (acceptKeyword("missing")) {
                return new Expr.Is(left, true, not);
            }
            if (acceptKeyword("null")) {
                return new Expr.Is(left, false, not);
            }
            throw malformed("Expected type name");
        }
        return negated ? new Expr.Not(result) : result;
    }

    /** {@code IN [a, b]} or {@code IN (a, b)}. */
    private List<Expr> candidates() {
        String close;
        if (accept("[")) {
            close = "]";
        } else if (accept("(")) {
            close = ")";
        } else {
            return List.of(term());
        }
        List<Expr> out = new ArrayList<>();
        if (!accept(close)) {
            do {
                out.add(additive());
            } while (accept(","));
            expect(close, "Unexpected term");
        }
        return out;
    }

    private Expr additive() {
        Expr left = term();
        while (peek().is("+") || peek().is("-")) {
            boolean plus = next().is("+");
            checkRightHandSide();
            left = new Expr.Arithmetic(plus, left, term());
        }
        return left;
    }

    private Expr term() {
        Token t = peek();
        switch (t.kind()) {
            case STRING:
                pos++;
                return new Expr.Literal(new AttributeValue.S(t.text()));
            case NUMBER:
                pos++;
                return new Expr.Literal(new AttributeValue.N(number(t.text())));
            case PARAMETER:
                pos++;
                return new Expr.Parameter(parameters++);
            case QUOTED:
                return path();
            case WORD:
                return word(t);
            case INVALID:
                throw malformed("");
            case EOF:
                throw malformed("Unexpected term");
            default:
                return punctuation(t);
        }
    }

    private Expr word(Token t) {
        if (t.isKeyword("true") || t.isKeyword("false")) {
            pos++;
            return new Expr.Literal(new AttributeValue.BOOL(t.isKeyword("true")));
        }
        if (t.isKeyword("null")) {
            pos++;
            return new Expr.Literal(new AttributeValue.NULL());
        }
        if (isKeyword(t)) {
            throw malformed(OPERATOR_WORDS.contains(t.lower()) ? "Unexpected operator" : "Unexpected keyword");
        }
        if (peek(1).is("(")) {
            pos += 2;
            List<Expr> args = new ArrayList<>();
            if (!accept(")")) {
                do {
                    args.add(additive());
                } while (accept(","));
                expect(")", "Unexpected term");
            }
            return new Expr.Call(t.lower(), args, position(t));
        }
        return path();
    }

    private Expr punctuation(Token t) {
        if (t.is("(")) {
            pos++;
            Expr inner = condition();
            expect(")", "Unexpected term");
            return inner;
        }
        if (t.is("-") && peek(1).kind() == Kind.NUMBER) {
            pos += 2;
            return new Expr.Literal(new AttributeValue.N(number("-" + peek(-1).text())));
        }
        if (t.is("[")) {
            pos++;
            return new Expr.ListOf(elements("]"));
        }
        if (t.is("<<")) {
            pos++;
            return new Expr.SetOf(elements(">>"));
        }
        if (t.is("{")) {
            pos++;
            return map();
        }
        if (t.is(";") || t.is(")") || t.is("]") || t.is("}") || t.is(",")) {
            throw malformed("Unexpected term");
        }
        throw malformed("Unexpected operator");
    }

    private List<Expr> elements(String close) {
        List<Expr> out = new ArrayList<>();
        if (accept(close)) {
            return out;
        }
        do {
            out.add(additive());
        } while (accept(","));
        expect(close, "Unexpected term");
        return out;
    }

    private Expr map() {
        List<String> keys = new ArrayList<>();
        List<Expr> values = new ArrayList<>();
        if (accept("}")) {
            return new Expr.MapOf(keys, values);
        }
        do {
            Token key = next();
            if (key.kind() != Kind.STRING) {
                throw malformed("Unexpected term");
            }
            expect(":", "Unexpected term");
            keys.add(key.text());
            values.add(additive());
        } while (accept(","));
        expect("}", "Unexpected term");
        return new Expr.MapOf(keys, values);
    }

    /** {@code a.b[0]."c d"['e']}. */
    private Expr.Path path() {
        DocumentPath.Name name = new DocumentPath.Name(identifier());
        if (!peek().is(".") && !peek().is("[")) {
            return new Expr.Path(new DocumentPath(List.of(name)));
        }
        List<DocumentPath.Element> elements = new ArrayList<>();
        elements.add(name);
        while (true) {
            if (accept(".")) {
                elements.add(new DocumentPath.Name(identifier()));
            } else if (accept("[")) {
                Token t = next();
                // An index beyond an int is refused like any other bad term, not left to overflow.
                if (t.kind() == Kind.NUMBER && t.text().length() <= 9 && t.text().chars().allMatch(Character::isDigit)) {
                    elements.add(new DocumentPath.Index(Integer.parseInt(t.text())));
                } else if (t.kind() == Kind.STRING) {
                    elements.add(new DocumentPath.Name(t.text()));
                } else {
                    throw malformed("Unexpected term");
                }
                expect("]", "Unexpected term");
            } else {
                return new Expr.Path(new DocumentPath(elements));
            }
        }
    }

    private String identifier() {
        Token t = peek();
        if (t.kind() == Kind.QUOTED || t.kind() == Kind.WORD && !isKeyword(t)) {
            pos++;
            return t.text();
        }
        if (t.kind() == Kind.INVALID) {
            throw malformed("");
        }
        throw malformed(t.kind() == Kind.WORD ? "Unexpected keyword" : "Expected identifier for simple path");
    }

    /** DynamoDB's position of a token in messages: {@code line:column:length}, counted from 1. */
    private String position(Token t) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < t.start(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int length = t.kind() == Kind.STRING || t.kind() == Kind.QUOTED ? t.text().length() + 2 : t.text().length();
        return line + ":" + (t.start() - lineStart + 1) + ":" + length;
    }

    private static DynamoNumber number(String text) {
        BigDecimal value;
        try {
            value = new BigDecimal(text);
        } catch (NumberFormatException | ArithmeticException e) {
            throw malformed("");
        }
        return DynamoNumber.of(value);
    }

    private static boolean isComparison(String p) {
        return p.equals("=") || p.equals("<>") || p.equals("!=") || p.equals("<") || p.equals("<=")
                || p.equals(">") || p.equals(">=");
    }

    /** A reserved word ({@link Lexer#RESERVED}): never an attribute or table name when bare. */
    private static boolean isKeyword(Token t) {
        return t.reserved();
    }

    private Token peek() {
        return peek(0);
    }

    private Token peek(int ahead) {
        return tokens.get(Math.max(0, Math.min(pos + ahead, tokens.size() - 1)));
    }

    private Token next() {
        Token t = peek();
        pos = Math.min(pos + 1, tokens.size() - 1);
        return t;
    }

    private boolean accept(String punct) {
        if (peek().is(punct)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(String word) {
        if (peek().isKeyword(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String punct, String detail) {
        if (!accept(punct)) {
            throw failure(detail);
        }
    }

    private void expectKeyword(String word, String detail) {
        if (!acceptKeyword(word)) {
            throw failure(detail);
        }
    }

    private DynamoException failure(String detail) {
        return malformed(peek().kind() == Kind.INVALID ? "" : detail);
    }

    /** DynamoDB's syntax error. */
    public static DynamoException malformed(String detail) {
        return DynamoException.validation(NOT_WELL_FORMED + detail);
    }
}
