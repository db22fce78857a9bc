package io.dynarocks.protocol.partiql;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.DynamoNumber;
import io.dynarocks.protocol.expression.Comparator;
import io.dynarocks.protocol.expression.DocumentPath;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Recursive-descent parser of DynamoDB's PartiQL dialect (SELECT, INSERT, UPDATE, DELETE, EXISTS). Syntax errors
 * are DynamoDB's {@code Statement wasn't well formed, can't be processed: <detail>}, whose detail carries no
 * position, as DynamoDB's does not; the errors DynamoDB places in the statement carry its
 * {@code line:column:length} (counted from 1) as it does: a projection that is not a path
 * ({@code Unexpected path component at 1:8:3}), and, through {@link Expr.Call#at()}, the function errors the
 * engine reports ({@code Unrecognized function: f at 1:30:1}). Parsed statements are cached by their text,
 * parameters unbound.
 */
public final class PartiqlParser {

    /** DynamoDB's prefix of syntax errors. */
    public static final String NOT_WELL_FORMED = "Statement wasn't well formed, can't be processed: ";

    /** Parsed statements the cache holds at most: past it, the least useful are evicted (never a full clear). */
    static final int MAX_CACHED = 1024;
    private static final Object[] EMPTY = {};
    private static final int UNKNOWN = -2;
    /** Parsed statements by their text; a statement that fails to parse throws and is not cached. */
    private static final Cache<String, Statement> CACHE =
            Caffeine.newBuilder().maximumSize(MAX_CACHED).build();

    /** Reserved words that are infix operators: where a term should start they are "Unexpected operator". */
    private static final Set<String> OPERATOR_WORDS = Set.of("and", "or", "in", "is", "between", "like");

    /**
     * Brackets of any kind ({@code ( [ { <<}), and NOTs, nest at most this deep. DynamoDB stores documents at most
     * 32 levels deep, and a condition nested deeper than this is no query anyone writes. Checked before parsing
     * (NOTs as they are read), so the recursion, and the stack it needs, is bounded whatever 8 KB a client sends.
     */
    static final int MAX_NESTING = 100;

    /**
     * AND, OR, + and - at most this many in a statement: each makes the tree one level deeper (a chain is
     * left-deep), so this bounds the depth that translation and evaluation recurse into. DynamoDB allows 300
     * operators in an expression.
     */
    static final int MAX_OPERATORS = 300;

    // The spellings the parser tests tokens for, by their ids in the lexer.
    private static final int ALL = Lexer.id("all");
    private static final int AND = Lexer.id("and");
    private static final int AS = Lexer.id("as");
    private static final int ASC = Lexer.id("asc");
    private static final int BETWEEN = Lexer.id("between");
    private static final int BY = Lexer.id("by");
    private static final int COLON = Lexer.id(":");
    private static final int COMMA = Lexer.id(",");
    private static final int DELETE = Lexer.id("delete");
    private static final int DESC = Lexer.id("desc");
    private static final int DOT = Lexer.id(".");
    private static final int EQ = Lexer.id("=");
    private static final int EXISTS = Lexer.id("exists");
    private static final int FALSE = Lexer.id("false");
    private static final int FROM = Lexer.id("from");
    private static final int GE = Lexer.id(">=");
    private static final int GT = Lexer.id(">");
    private static final int GT_GT = Lexer.id(">>");
    private static final int IN = Lexer.id("in");
    private static final int INSERT = Lexer.id("insert");
    private static final int INTO = Lexer.id("into");
    private static final int IS = Lexer.id("is");
    private static final int LBRACE = Lexer.id("{");
    private static final int LBRACKET = Lexer.id("[");
    private static final int LE = Lexer.id("<=");
    private static final int LPAREN = Lexer.id("(");
    private static final int LT = Lexer.id("<");
    private static final int LT_GT = Lexer.id("<>");
    private static final int LT_LT = Lexer.id("<<");
    private static final int MINUS = Lexer.id("-");
    private static final int MISSING = Lexer.id("missing");
    private static final int MODIFIED = Lexer.id("modified");
    private static final int NE = Lexer.id("!=");
    private static final int NEW = Lexer.id("new");
    private static final int NOT = Lexer.id("not");
    private static final int NULL = Lexer.id("null");
    private static final int OLD = Lexer.id("old");
    private static final int OR = Lexer.id("or");
    private static final int ORDER = Lexer.id("order");
    private static final int PLUS = Lexer.id("+");
    private static final int RBRACE = Lexer.id("}");
    private static final int RBRACKET = Lexer.id("]");
    private static final int REMOVE = Lexer.id("remove");
    private static final int RETURNING = Lexer.id("returning");
    private static final int RPAREN = Lexer.id(")");
    private static final int SELECT = Lexer.id("select");
    private static final int SEMICOLON = Lexer.id(";");
    private static final int SET = Lexer.id("set");
    private static final int STAR = Lexer.id("*");
    private static final int TRUE = Lexer.id("true");
    private static final int UPDATE = Lexer.id("update");
    private static final int VALUE = Lexer.id("value");
    private static final int WHERE = Lexer.id("where");

    private final String text;
    private final Lexer tokens;
    /** The current token. */
    private int pos;
    private int parameters;
    /** The elements of the lists being parsed, innermost last: no list is built before its length is known. */
    private Object[] stack = EMPTY;
    private int depth;
    private int negations;
    private int operators;
    /** The offset of the statement's first line feed (-1: none), once a position asked for it. */
    private int firstNewline = UNKNOWN;

    private PartiqlParser(String text) {
        this.text = text;
        this.tokens = Lexer.tokenize(text);
        if (tokens.nesting() > MAX_NESTING) {
            throw tooDeep();
        }
    }

    /** Parses a statement (cached by text). */
    public static Statement parse(String text) {
        Statement cached = CACHE.getIfPresent(text);
        if (cached != null) {
            return cached;
        }
        Statement parsed = parseUncached(text);
        CACHE.put(text, parsed);
        return parsed;
    }

    /** How many parsed statements the cache holds, once its pending evictions are done (tests check the bound). */
    static long cachedCount() {
        CACHE.cleanUp();
        return CACHE.estimatedSize();
    }

    /** Parses a statement without the cache (benchmarks measure this). */
    public static Statement parseUncached(String text) {
        return new PartiqlParser(text).statement();
    }

    private static DynamoException tooDeep() {
        return malformed("Nesting levels have exceeded supported limits: brackets and NOTs may be nested at most "
                + MAX_NESTING + " levels deep");
    }

    private Statement statement() {
        int first = peek();
        Statement s;
        if (isKeyword(first, SELECT)) {
            s = select();
        } else if (isKeyword(first, INSERT)) {
            s = insert();
        } else if (isKeyword(first, UPDATE)) {
            s = update();
        } else if (isKeyword(first, DELETE)) {
            s = delete();
        } else if (isKeyword(first, FROM)) {
            s = fromFirstUpdate();
        } else if (isKeyword(first, EXISTS) && is(peek(1), LPAREN)) {
            s = exists();
        } else if (kind(first) == Lexer.INVALID) {
            throw malformed("");
        } else {
            throw malformed("Expected data manipulation");
        }
        if (is(peek(), SEMICOLON)) {
            pos++;
        }
        if (kind(peek()) == Lexer.INVALID) {
            throw malformed("");
        }
        if (kind(peek()) != Lexer.EOF) {
            throw malformed("Unexpected token after expression");
        }
        return s;
    }

    private Statement select() {
        pos++;
        List<Expr.Path> projection = null;
        if (is(peek(), STAR)) {
            pos++;
        } else {
            int mark = depth;
            do {
                int start = peek();
                Expr e = term();
                // DynamoDB projects attributes and document paths only: a function call or a literal here
                // is refused with the position of its first token.
                if (!(e instanceof Expr.Path p)) {
                    throw DynamoException.validation("Unexpected path component at " + position(start));
                }
                push(p);
            } while (accept(COMMA));
            projection = popList(mark);
        }
        expectKeyword(FROM, "Unexpected term");
        String table = tableName(true);
        String index = null;
        if (accept(DOT)) {
            index = tableName(false);
            if (is(peek(), DOT)) {
                throw DynamoException.validation("A path may contain at most 2 components in the FROM clause");
            }
        }
        if (table.isEmpty() || "".equals(index)) {
            throw DynamoException.validation("Path component cannot be an empty string");
        }
        rejectAlias();
        Expr where = null;
        if (acceptKeyword(WHERE)) {
            where = condition();
        }
        List<Statement.OrderBy> orderBy = List.of();
        if (acceptKeyword(ORDER)) {
            expectKeyword(BY, "Unexpected term");
            orderBy = new ArrayList<>();
            do {
                Expr.Path key = path();
                boolean desc = false;
                if (acceptKeyword(DESC)) {
                    desc = true;
                } else {
                    acceptKeyword(ASC);
                }
                orderBy.add(new Statement.OrderBy(key, desc));
            } while (accept(COMMA));
        }
        return new Statement.Select(table, index, projection, where, orderBy, parameters);
    }

    private Statement insert() {
        pos++;
        expectKeyword(INTO, "Unexpected term");
        String table = tableName();
        expectKeyword(VALUE, "Unexpected token after expression");
        Expr value = term();
        return new Statement.Insert(table, value, parameters);
    }

    private Statement update() {
        pos++;
        String table = tableName();
        rejectAlias();
        List<Statement.Change> changes = changes();
        Expr where = acceptKeyword(WHERE) ? condition() : null;
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
        expectKeyword(WHERE, "Unexpected term");
        Expr where = condition();
        List<Statement.Change> changes = changes();
        return new Statement.Update(table, changes, where, returning(), parameters);
    }

    /** {@code EXISTS(SELECT ...)}: the condition check of a transaction of writes. */
    private Statement exists() {
        pos += 2;
        if (!isKeyword(peek(), SELECT)) {
            throw failure("Unexpected term");
        }
        Statement.Select select = (Statement.Select) select();
        expect(RPAREN, "Unexpected term");
        return new Statement.Exists(select);
    }

    /** One or more SET and REMOVE clauses, in any order. */
    private List<Statement.Change> changes() {
        int mark = depth;
        while (true) {
            if (acceptKeyword(SET)) {
                do {
                    Expr.Path target = path();
                    expect(EQ, "Unexpected term");
                    push(new Statement.Set(target, additive()));
                } while (accept(COMMA));
            } else if (acceptKeyword(REMOVE)) {
                do {
                    push(new Statement.Remove(path()));
                } while (accept(COMMA));
            } else {
                break;
            }
        }
        if (depth == mark) {
            throw malformed("Unexpected term");
        }
        return popList(mark);
    }

    private Statement delete() {
        pos++;
        expectKeyword(FROM, "Unexpected term");
        String table = tableName();
        rejectAlias();
        Expr where = acceptKeyword(WHERE) ? condition() : null;
        return new Statement.Delete(table, where, returning(), parameters);
    }

    private Statement.Returning returning() {
        if (!acceptKeyword(RETURNING)) {
            return Statement.Returning.NONE;
        }
        boolean all;
        if (acceptKeyword(ALL)) {
            all = true;
        } else if (acceptKeyword(MODIFIED)) {
            all = false;
        } else {
            throw malformed("Unexpected term");
        }
        boolean old;
        if (acceptKeyword(OLD)) {
            old = true;
        } else if (acceptKeyword(NEW)) {
            old = false;
        } else {
            throw malformed("Unexpected term");
        }
        expect(STAR, "Unexpected term");
        return all ? (old ? Statement.Returning.ALL_OLD : Statement.Returning.ALL_NEW)
                : (old ? Statement.Returning.MODIFIED_OLD : Statement.Returning.MODIFIED_NEW);
    }

    private String tableName() {
        return tableName(false);
    }

    /** {@code fromClause}: a missing name is "Unexpected term" there, as the FROM of a SELECT reports it. */
    private String tableName(boolean fromClause) {
        int t = peek();
        if (kind(t) == Lexer.QUOTED || kind(t) == Lexer.WORD && !reserved(t)) {
            pos++;
            return tokens.text(t);
        }
        if (fromClause && (kind(t) == Lexer.EOF || is(t, SEMICOLON))) {
            throw malformed("Unexpected term");
        }
        if (kind(t) == Lexer.INVALID) {
            throw malformed("");
        }
        throw malformed("Expected identifier for simple path");
    }

    /** A table alias ({@code FROM "t" t} or {@code AS t}) gets DynamoDB's own message. */
    private void rejectAlias() {
        int t = peek();
        if (isKeyword(t, AS) || kind(t) == Lexer.QUOTED || kind(t) == Lexer.WORD && !reserved(t)) {
            throw DynamoException.validation("Aliasing is not supported");
        }
    }

    // Conditions: OR < AND < NOT < predicate < additive < term.

    private Expr condition() {
        Expr left = conjunction();
        while (acceptKeyword(OR)) {
            countOperator();
            checkRightHandSide();
            left = new Expr.Or(left, conjunction());
        }
        return left;
    }

    private Expr conjunction() {
        Expr left = negation();
        while (acceptKeyword(AND)) {
            countOperator();
            checkRightHandSide();
            left = new Expr.And(left, negation());
        }
        return left;
    }

    private void countOperator() {
        if (++operators > MAX_OPERATORS) {
            throw malformed("Too many operators: a statement may have at most " + MAX_OPERATORS
                    + " AND, OR, + and - operators");
        }
    }

    private void checkRightHandSide() {
        if (kind(peek()) == Lexer.EOF || is(peek(), SEMICOLON)) {
            throw malformed("Missing right-hand side expression of infix operator");
        }
    }

    private Expr negation() {
        if (acceptKeyword(NOT)) {
            // NOT nests without brackets; it counts as a level too.
            if (++negations > MAX_NESTING) {
                throw tooDeep();
            }
            Expr inner = negation();
            negations--;
            return new Expr.Not(inner);
        }
        return predicate();
    }

    private Expr predicate() {
        Expr left = additive();
        int t = peek();
        Comparator op = comparator(t);
        if (op != null) {
            pos++;
            checkRightHandSide();
            return new Expr.Compare(op, left, additive());
        }
        boolean negated = false;
        if (isKeyword(t, NOT) && (isKeyword(peek(1), BETWEEN) || isKeyword(peek(1), IN))) {
            pos++;
            negated = true;
        }
        Expr result = left;
        if (acceptKeyword(BETWEEN)) {
            Expr low = additive();
            expectKeyword(AND, "Unexpected term");
            result = new Expr.Between(left, low, additive());
        } else if (acceptKeyword(IN)) {
            result = new Expr.In(left, candidates());
        } else if (acceptKeyword(IS)) {
            boolean not = acceptKeyword(NOT);
            if (acceptKeyword(MISSING)) {
                return new Expr.Is(left, true, not);
            }
            if (acceptKeyword(NULL)) {
                return new Expr.Is(left, false, not);
            }
            throw malformed("Expected type name");
        }
        return negated ? new Expr.Not(result) : result;
    }

    /** {@code IN [a, b]} or {@code IN (a, b)}. */
    private List<Expr> candidates() {
        int close;
        if (accept(LBRACKET)) {
            close = RBRACKET;
        } else if (accept(LPAREN)) {
            close = RPAREN;
        } else {
            return List.of(term());
        }
        int mark = depth;
        if (!accept(close)) {
            do {
                push(additive());
            } while (accept(COMMA));
            expect(close, "Unexpected term");
        }
        return popList(mark);
    }

    private Expr additive() {
        Expr left = term();
        while (is(peek(), PLUS) || is(peek(), MINUS)) {
            boolean plus = is(next(), PLUS);
            countOperator();
            checkRightHandSide();
            left = new Expr.Arithmetic(plus, left, term());
        }
        return left;
    }

    private Expr term() {
        int t = peek();
        switch (kind(t)) {
            case Lexer.STRING:
                pos++;
                return new Expr.Literal(new AttributeValue.S(tokens.text(t)));
            case Lexer.NUMBER:
                pos++;
                return new Expr.Literal(new AttributeValue.N(number(t, false)));
            case Lexer.PARAMETER:
                pos++;
                return new Expr.Parameter(parameters++);
            case Lexer.QUOTED:
                return path();
            case Lexer.WORD:
                return word(t);
            case Lexer.INVALID:
                throw malformed("");
            case Lexer.EOF:
                throw malformed("Unexpected term");
            default:
                return punctuation(t);
        }
    }

    private Expr word(int t) {
        if (isKeyword(t, TRUE) || isKeyword(t, FALSE)) {
            pos++;
            return new Expr.Literal(new AttributeValue.BOOL(isKeyword(t, TRUE)));
        }
        if (isKeyword(t, NULL)) {
            pos++;
            return new Expr.Literal(new AttributeValue.NULL());
        }
        if (reserved(t)) {
            throw malformed(OPERATOR_WORDS.contains(tokens.lower(t)) ? "Unexpected operator" : "Unexpected keyword");
        }
        if (is(peek(1), LPAREN)) {
            pos += 2;
            int mark = depth;
            if (!accept(RPAREN)) {
                do {
                    push(additive());
                } while (accept(COMMA));
                expect(RPAREN, "Unexpected term");
            }
            return new Expr.Call(tokens.lower(t), popList(mark), line(t), column(t), tokens.length(t));
        }
        return path();
    }

    private Expr punctuation(int t) {
        if (is(t, LPAREN)) {
            pos++;
            Expr inner = condition();
            expect(RPAREN, "Unexpected term");
            return inner;
        }
        if (is(t, MINUS) && kind(peek(1)) == Lexer.NUMBER) {
            pos += 2;
            return new Expr.Literal(new AttributeValue.N(number(peek(-1), true)));
        }
        if (is(t, LBRACKET)) {
            pos++;
            return new Expr.ListOf(elements(RBRACKET));
        }
        if (is(t, LT_LT)) {
            pos++;
            return new Expr.SetOf(elements(GT_GT));
        }
        if (is(t, LBRACE)) {
            pos++;
            return map();
        }
        if (is(t, SEMICOLON) || is(t, RPAREN) || is(t, RBRACKET) || is(t, RBRACE) || is(t, COMMA)) {
            throw malformed("Unexpected term");
        }
        throw malformed("Unexpected operator");
    }

    private List<Expr> elements(int close) {
        int mark = depth;
        if (accept(close)) {
            return List.of();
        }
        do {
            push(additive());
        } while (accept(COMMA));
        expect(close, "Unexpected term");
        return popList(mark);
    }

    private Expr map() {
        if (accept(RBRACE)) {
            return new Expr.MapOf(List.of(), List.of());
        }
        int mark = depth;
        do {
            int key = next();
            if (kind(key) != Lexer.STRING) {
                throw malformed("Unexpected term");
            }
            expect(COLON, "Unexpected term");
            push(tokens.text(key));
            push(additive());
        } while (accept(COMMA));
        expect(RBRACE, "Unexpected term");
        // Keys and values were pushed in turn.
        int size = (depth - mark) / 2;
        depth = mark;
        return new Expr.MapOf(list(mark, size, 2), list(mark + 1, size, 2));
    }

    /** {@code a.b[0]."c d"['e']}. */
    private Expr.Path path() {
        DocumentPath.Name name = new DocumentPath.Name(identifier());
        if (!is(peek(), DOT) && !is(peek(), LBRACKET)) {
            return new Expr.Path(new DocumentPath(List.of(name)));
        }
        int mark = depth;
        push(name);
        while (true) {
            if (accept(DOT)) {
                push(new DocumentPath.Name(identifier()));
            } else if (accept(LBRACKET)) {
                int t = next();
                // An index beyond an int is refused like any other bad term, not left to overflow.
                if (kind(t) == Lexer.NUMBER && tokens.length(t) <= 9 && index(t) >= 0) {
                    push(new DocumentPath.Index(index(t)));
                } else if (kind(t) == Lexer.STRING) {
                    push(new DocumentPath.Name(tokens.text(t)));
                } else {
                    throw malformed("Unexpected term");
                }
                expect(RBRACKET, "Unexpected term");
            } else {
                return new Expr.Path(new DocumentPath(popList(mark)));
            }
        }
    }

    private String identifier() {
        int t = peek();
        if (kind(t) == Lexer.QUOTED || kind(t) == Lexer.WORD && !reserved(t)) {
            pos++;
            return tokens.text(t);
        }
        if (kind(t) == Lexer.INVALID) {
            throw malformed("");
        }
        throw malformed(kind(t) == Lexer.WORD ? "Unexpected keyword" : "Expected identifier for simple path");
    }

    /** A NUMBER token of at most 9 characters as a list index, or -1 when it is not all digits (of any script). */
    private int index(int t) {
        long ascii = tokens.smallInteger(t);
        if (ascii >= 0) {
            return (int) ascii;
        }
        String digits = tokens.text(t);
        return digits.chars().allMatch(Character::isDigit) ? Integer.parseInt(digits) : -1;
    }

    /** DynamoDB's position of a token in messages: {@code line:column:length}, counted from 1. */
    private String position(int t) {
        return line(t) + ":" + column(t) + ":" + tokens.length(t);
    }

    /** The line of token {@code t}, counted from 1. */
    private int line(int t) {
        int start = tokens.start(t);
        int newline = firstNewline();
        if (newline < 0 || newline >= start) {
            return 1;
        }
        int line = 1;
        for (int i = newline; i >= 0 && i < start; i = text.indexOf('\n', i + 1)) {
            line++;
        }
        return line;
    }

    /** The column of token {@code t} in its line, counted from 1. */
    private int column(int t) {
        int start = tokens.start(t);
        int newline = firstNewline();
        return start < 0 || newline < 0 || newline >= start ? start + 1 : start - text.lastIndexOf('\n', start - 1);
    }

    /** The offset of the statement's first line feed, or -1. */
    private int firstNewline() {
        if (firstNewline == UNKNOWN) {
            firstNewline = text.indexOf('\n');
        }
        return firstNewline;
    }

    /** A NUMBER token's value, negated for a literal after a minus sign. */
    private DynamoNumber number(int t, boolean negative) {
        long small = tokens.smallInteger(t);
        if (small >= 0) {
            // Up to 18 digits: exact in a long, and within DynamoDB's limits.
            return DynamoNumber.of(negative ? -small : small);
        }
        BigDecimal value;
        try {
            value = new BigDecimal(negative ? "-" + tokens.text(t) : tokens.text(t));
        } catch (NumberFormatException | ArithmeticException e) {
            throw malformed("");
        }
        return DynamoNumber.of(value);
    }

    /** The comparison token {@code t} stands for, or null. */
    private Comparator comparator(int t) {
        if (kind(t) != Lexer.PUNCT) {
            return null;
        }
        if (is(t, EQ)) {
            return Comparator.EQ;
        }
        if (is(t, LT_GT) || is(t, NE)) {
            return Comparator.NE;
        }
        if (is(t, LT)) {
            return Comparator.LT;
        }
        if (is(t, LE)) {
            return Comparator.LE;
        }
        if (is(t, GT)) {
            return Comparator.GT;
        }
        return is(t, GE) ? Comparator.GE : null;
    }

    private void push(Object element) {
        if (depth == stack.length) {
            stack = Arrays.copyOf(stack, Math.max(16, depth * 2));
        }
        stack[depth++] = element;
    }

    /** The elements pushed since {@code mark}, removed from the stack, as an immutable list. */
    private <T> List<T> popList(int mark) {
        int size = depth - mark;
        depth = mark;
        return list(mark, size, 1);
    }

    /**
     * An immutable list of the {@code size} elements of the stack from {@code from}, every {@code step}-th. Up to
     * 6 elements through {@code List.of}'s fixed arities, which keep the array they build: {@code List.of(E...)}
     * copies the array it is given, so a copy of the stack would be copied again.
     */
    @SuppressWarnings("unchecked")
    private <T> List<T> list(int from, int size, int step) {
        Object[] s = stack;
        switch (size) {
            case 0:
                return List.of();
            case 1:
                return List.of((T) s[from]);
            case 2:
                return List.of((T) s[from], (T) s[from + step]);
            case 3:
                return List.of((T) s[from], (T) s[from + step], (T) s[from + 2 * step]);
            case 4:
                return List.of((T) s[from], (T) s[from + step], (T) s[from + 2 * step], (T) s[from + 3 * step]);
            case 5:
                return List.of((T) s[from], (T) s[from + step], (T) s[from + 2 * step], (T) s[from + 3 * step],
                        (T) s[from + 4 * step]);
            case 6:
                return List.of((T) s[from], (T) s[from + step], (T) s[from + 2 * step], (T) s[from + 3 * step],
                        (T) s[from + 4 * step], (T) s[from + 5 * step]);
            default:
                Object[] elements = new Object[size];
                for (int k = 0; k < size; k++) {
                    elements[k] = s[from + k * step];
                }
                return (List<T>) List.of(elements);
        }
    }

    private int kind(int t) {
        return tokens.kind(t);
    }

    private boolean is(int t, int punct) {
        return tokens.is(t, punct);
    }

    private boolean isKeyword(int t, int word) {
        return tokens.is(t, word);
    }

    /** A reserved word ({@link Lexer#RESERVED}): never an attribute or table name when bare. */
    private boolean reserved(int t) {
        return tokens.reserved(t);
    }

    /** The current token; the parser never moves past the last one (EOF or INVALID). */
    private int peek() {
        return pos;
    }

    private int peek(int ahead) {
        return Math.max(0, Math.min(pos + ahead, tokens.count() - 1));
    }

    private int next() {
        int t = peek();
        pos = Math.min(pos + 1, tokens.count() - 1);
        return t;
    }

    private boolean accept(int punct) {
        if (is(peek(), punct)) {
            pos++;
            return true;
        }
        return false;
    }

    private boolean acceptKeyword(int word) {
        if (isKeyword(peek(), word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(int punct, String detail) {
        if (!accept(punct)) {
            throw failure(detail);
        }
    }

    private void expectKeyword(int word, String detail) {
        if (!acceptKeyword(word)) {
            throw failure(detail);
        }
    }

    private DynamoException failure(String detail) {
        return malformed(kind(peek()) == Lexer.INVALID ? "" : detail);
    }

    /** DynamoDB's syntax error. */
    public static DynamoException malformed(String detail) {
        return DynamoException.validation(NOT_WELL_FORMED + detail);
    }
}
