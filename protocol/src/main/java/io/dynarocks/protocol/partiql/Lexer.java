package io.dynarocks.protocol.partiql;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a PartiQL statement into tokens; text it cannot read ends them with an INVALID token.
 *
 * <p>A statement seen for the first time is parsed before it runs, so this stays cheap: tokens are
 * positions in parallel arrays rather than objects, a token's text is cut out of the statement only when
 * the parser asks for it (a name, a string), ASCII characters are classified without {@link Character}'s
 * Unicode tables, and punctuation and known words are one shared string per spelling, so a keyword test
 * is a comparison of two constants.
 */
final class Lexer {

    /** Words that end a term or start a clause; a bare one is never read as an attribute name. */
    static final Set<String> RESERVED = Set.of("select", "from", "where", "and", "or", "not", "in", "is",
            "between", "missing", "null", "true", "false", "insert", "into", "value", "values", "update", "set",
            "remove", "delete", "returning", "order", "by", "asc", "desc", "as", "limit", "group", "having", "join",
            "union", "like");

    /**
     * Further words the parser tests for, which may also be attribute names, and the functions, whose
     * lower case is then a constant rather than a new string.
     */
    private static final Set<String> UNRESERVED = Set.of("exists", "all", "modified", "old", "new", "begins_with",
            "contains", "size", "attribute_type", "list_append", "set_add", "set_delete", "if_not_exists");

    /**
     * Every known word and punctuation mark, by id (the reserved words first, from 1); a token's id says
     * which it is (0: none). They are
     * interned constants, as the string literals the parser tests tokens against are, so a test is a
     * comparison of references.
     */
    private static final String[] SPELLINGS;

    /** Known words by the hash of their lower case (as {@link String#hashCode}), open addressing: their ids. */
    private static final int[] WORD_IDS = new int[256];
    private static final int[] WORD_HASHES = new int[256];
    private static final char[][] WORD_CHARS = new char[256][];

    /** The id of a single-character punctuation mark, by character. */
    private static final int[] PUNCT_IDS = new int[128];

    private static final int LT_LT;
    private static final int LE;
    private static final int LT_GT;
    private static final int GT_GT;
    private static final int GE;
    private static final int NE;

    static {
        List<String> spellings = new ArrayList<>();
        spellings.add(null);
        for (Set<String> words : List.of(RESERVED, UNRESERVED)) {
            for (String word : words) {
                int slot = word.hashCode() & 255;
                while (WORD_IDS[slot] != 0) {
                    slot = (slot + 1) & 255;
                }
                WORD_IDS[slot] = spellings.size();
                WORD_HASHES[slot] = word.hashCode();
                WORD_CHARS[slot] = word.toCharArray();
                spellings.add(word.intern());
            }
        }
        for (char c : "*,.[](){}:=<>+-;".toCharArray()) {
            PUNCT_IDS[c] = spellings.size();
            spellings.add(String.valueOf(c).intern());
        }
        LT_LT = spellings.size();
        spellings.add("<<");
        LE = spellings.size();
        spellings.add("<=");
        LT_GT = spellings.size();
        spellings.add("<>");
        GT_GT = spellings.size();
        spellings.add(">>");
        GE = spellings.size();
        spellings.add(">=");
        NE = spellings.size();
        spellings.add("!=");
        SPELLINGS = spellings.toArray(String[]::new);
    }

    enum Kind { WORD, QUOTED, STRING, NUMBER, PUNCT, PARAMETER, INVALID, EOF }

    private static final Kind[] KINDS = Kind.values();
    private static final int RESERVED_BIT = 8;
    private static final int ID_SHIFT = 4;

    private final String s;
    private final char[] chars;
    private int count;
    /** Per token: its kind's ordinal (low 3 bits), whether it is a reserved word, and its spelling's id. */
    private int[] code;
    /** Offset of a token's first character (its opening quote for strings and quoted names); -1 for INVALID. */
    private int[] start;
    /** Offset after a token's last character (after its closing quote). */
    private int[] end;
    private int level;
    private int maxLevel;

    private Lexer(String s) {
        this.s = s;
        this.chars = s.toCharArray();
        int capacity = s.length() / 3 + 4;
        code = new int[capacity];
        start = new int[capacity];
        end = new int[capacity];
    }

    static Lexer tokenize(String s) {
        Lexer lexer = new Lexer(s);
        lexer.run();
        return lexer;
    }

    /** The number of tokens, the last being EOF or INVALID. */
    int count() {
        return count;
    }

    Kind kind(int t) {
        return KINDS[code[t] & 7];
    }

    int start(int t) {
        return start[t];
    }

    /** The id of a known word (lower case) or punctuation mark, for {@link #is}. */
    static int id(String spelling) {
        int id = Arrays.asList(SPELLINGS).indexOf(spelling);
        if (id <= 0) {
            throw new IllegalArgumentException(spelling);
        }
        return id;
    }

    /** Whether token {@code t} is the punctuation mark or the word (in any case) of id {@code id}. */
    boolean is(int t, int id) {
        return code[t] >>> ID_SHIFT == id;
    }

    /** How deep brackets of any kind ({@code ( [ { <<}) nest in the statement, at the deepest. */
    int nesting() {
        return maxLevel;
    }

    /** Whether token {@code t} is one of {@link #RESERVED}: never an attribute or table name when bare. */
    boolean reserved(int t) {
        return (code[t] & RESERVED_BIT) != 0;
    }

    /**
     * The token's text: the unquoted content of strings and quoted names, the lower case of a reserved word
     * (whose spelling nothing reads), the spelling of other words and of numbers.
     */
    String text(int t) {
        switch (kind(t)) {
            case WORD:
                return reserved(t) ? SPELLINGS[code[t] >>> ID_SHIFT] : s.substring(start[t], end[t]);
            case STRING:
                return unquote(s, start[t] + 1, end[t] - 1, '\'');
            case QUOTED:
                return unquote(s, start[t] + 1, end[t] - 1, '"');
            case NUMBER:
                return s.substring(start[t], end[t]);
            case PUNCT:
                return SPELLINGS[code[t] >>> ID_SHIFT];
            case PARAMETER:
                return "?";
            default:
                return "";
        }
    }

    /** A word's lower case. */
    String lower(int t) {
        String known = SPELLINGS[code[t] >>> ID_SHIFT];
        return known != null ? known : text(t).toLowerCase(Locale.ROOT);
    }

    /** The length of the token's text as {@link #text} gives it. */
    int length(int t) {
        switch (kind(t)) {
            case STRING:
            case QUOTED:
                return text(t).length() + 2;
            case INVALID:
            case EOF:
                return 0;
            default:
                return end[t] - start[t];
        }
    }

    /** The digits of a NUMBER token as a long when it is at most 18 ASCII digits, else -1. */
    long smallInteger(int t) {
        int from = start[t];
        int to = end[t];
        if (to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = chars[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private void run() {
        char[] s = chars;
        int n = s.length;
        int i = 0;
        while (i < n) {
            char c = s[i];
            if (c == ' ' || isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s[i + 1] == '-') {
                while (i < n && s[i] != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s[i + 1] == '*') {
                int close = this.s.indexOf("*/", i + 2);
                if (close < 0) {
                    invalid();
                    return;
                }
                i = close + 2;
            } else if (isLetter(c) || c == '_' || c == '$') {
                int from = i;
                // The hash of the word's lower case, to look it up among the known words as it is read.
                int hash = 0;
                char w;
                while (i < n && ((w = s[i]) < 128 ? LOWER_WORD_PART[w] != 0 : Character.isLetterOrDigit(w))) {
                    hash = 31 * hash + (w < 128 ? LOWER_WORD_PART[w] : w);
                    i++;
                }
                int id = known(from, i, hash);
                add(Kind.WORD, from, i, id, id != 0 && id <= RESERVED.size());
            } else if (isDigit(c) || c == '.' && i + 1 < n && isDigit(s[i + 1])) {
                int from = i;
                i = number(i);
                add(Kind.NUMBER, from, i, 0, false);
            } else if (c == '\'' || c == '"') {
                int close = quoted(i + 1, c);
                if (close < 0) {
                    invalid();
                    return;
                }
                add(c == '\'' ? Kind.STRING : Kind.QUOTED, i, close + 1, 0, false);
                i = close + 1;
            } else if (c == '?') {
                add(Kind.PARAMETER, i, i + 1, 0, false);
                i++;
            } else if (i + 1 < n && twoCharOperator(c, s[i + 1]) != 0) {
                int id = twoCharOperator(c, s[i + 1]);
                nest(id == LT_LT, id == GT_GT);
                add(Kind.PUNCT, i, i + 2, id, false);
                i += 2;
            } else if (c < PUNCT_IDS.length && PUNCT_IDS[c] != 0) {
                nest(c == '(' || c == '[' || c == '{', c == ')' || c == ']' || c == '}');
                add(Kind.PUNCT, i, i + 1, PUNCT_IDS[c], false);
                i++;
            } else {
                invalid();
                return;
            }
        }
        add(Kind.EOF, n, n, 0, false);
    }

    /** Follows the nesting of brackets, which never closes below the top level. */
    private void nest(boolean open, boolean close) {
        if (open) {
            maxLevel = Math.max(maxLevel, ++level);
        } else if (close && level > 0) {
            level--;
        }
    }

    private void invalid() {
        add(Kind.INVALID, -1, -1, 0, false);
    }

    private void add(Kind k, int from, int to, int id, boolean isReserved) {
        if (count == code.length) {
            int capacity = count * 2;
            code = Arrays.copyOf(code, capacity);
            start = Arrays.copyOf(start, capacity);
            end = Arrays.copyOf(end, capacity);
        }
        code[count] = k.ordinal() | (isReserved ? RESERVED_BIT : 0) | id << ID_SHIFT;
        start[count] = from;
        end[count] = to;
        count++;
    }

    /** The id of the known word that {@code s[from, to)} spells in any ASCII case ({@code hash}: of its lower case), or 0. */
    private int known(int from, int to, int hash) {
        for (int slot = hash & 255; WORD_IDS[slot] != 0; slot = (slot + 1) & 255) {
            if (WORD_HASHES[slot] == hash && WORD_CHARS[slot].length == to - from
                    && equalsIgnoringAsciiCase(from, WORD_CHARS[slot])) {
                return WORD_IDS[slot];
            }
        }
        return 0;
    }

    /** {@code word} is lower-case ASCII letters and underscores; only ASCII letters of the statement match it. */
    private boolean equalsIgnoringAsciiCase(int from, char[] word) {
        for (int k = 0; k < word.length; k++) {
            char c = chars[from + k];
            if (c != word[k] && (c < 'A' || c > 'Z' || (c | 0x20) != word[k])) {
                return false;
            }
        }
        return true;
    }

    /** The offset of the quote closing a string or quoted name whose content starts at {@code i}, or -1. */
    private int quoted(int i, char quote) {
        int n = s.length();
        while (true) {
            int q = s.indexOf(quote, i);
            if (q < 0) {
                return -1;
            }
            if (q + 1 < n && chars[q + 1] == quote) {
                i = q + 2;
            } else {
                return q;
            }
        }
    }

    /** The content of {@code s[from, to)} with each doubled quote read as one. */
    private static String unquote(String s, int from, int to, char quote) {
        int q = s.indexOf(quote, from);
        if (q < 0 || q >= to) {
            return s.substring(from, to);
        }
        StringBuilder text = new StringBuilder(to - from);
        int i = from;
        while (q >= 0 && q < to) {
            text.append(s, i, q + 1);
            i = q + 2;
            q = s.indexOf(quote, i);
        }
        return text.append(s, i, to).toString();
    }

    /** The id of {@code << >> <= >= <> !=}, or 0. */
    private static int twoCharOperator(char c, char d) {
        if (c == '<') {
            return d == '<' ? LT_LT : d == '=' ? LE : d == '>' ? LT_GT : 0;
        }
        if (c == '>') {
            return d == '>' ? GT_GT : d == '=' ? GE : 0;
        }
        return c == '!' && d == '=' ? NE : 0;
    }

    /**
     * The offset after {@code 12}, {@code 1.5}, {@code .5}, {@code 1e-3} starting at {@code i}; an exponent needs
     * its digits right after the e.
     */
    private int number(int i) {
        char[] s = chars;
        int n = s.length;
        while (i < n && isDigit(s[i])) {
            i++;
        }
        if (i < n && s[i] == '.') {
            i++;
            while (i < n && isDigit(s[i])) {
                i++;
            }
        }
        if (i < n && (s[i] == 'e' || s[i] == 'E')) {
            int e = i + 1;
            if (e < n && (s[e] == '+' || s[e] == '-')) {
                e++;
            }
            if (e < n && isDigit(s[e])) {
                i = e;
                while (i < n && isDigit(s[i])) {
                    i++;
                }
            }
        }
        return i;
    }

    // The character classes are Character's, answered for ASCII without its Unicode tables.

    private static boolean isWhitespace(char c) {
        return c < 128 ? c == ' ' || c >= '\t' && c <= '\r' || c >= '\u001C' && c <= '\u001F' : Character.isWhitespace(c);
    }

    private static boolean isLetter(char c) {
        return c < 128 ? (c | 0x20) >= 'a' && (c | 0x20) <= 'z' : Character.isLetter(c);
    }

    private static boolean isDigit(char c) {
        return c < 128 ? c >= '0' && c <= '9' : Character.isDigit(c);
    }

    /** For an ASCII character that may be part of a word: its lower case; 0 for any other. */
    private static final char[] LOWER_WORD_PART = new char[128];

    static {
        for (char c = 0; c < 128; c++) {
            if (isLetter(c) || isDigit(c) || c == '_' || c == '$') {
                LOWER_WORD_PART[c] = c >= 'A' && c <= 'Z' ? (char) (c | 0x20) : c;
            }
        }
    }

}
