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
 * codes and positions in one {@code int} array rather than objects, the statement is read in place (no copy of
 * its characters), a token's text is cut out of the statement only when the parser asks for it (a name, a
 * string), ASCII characters are classified without {@link Character}'s Unicode tables, and punctuation and
 * known words are one shared string per spelling, found while the word is read by its characters packed
 * into two {@code long}s, so a keyword test is a comparison of two ids.
 */
final class Lexer {

    /** Words that end a term or start a clause; a bare one is never read as an attribute name. */
    static final Set<String> RESERVED = Set.of("select", "from", "where", "and", "or", "not", "in", "is",
            "between", "missing", "null", "true", "false", "insert", "into", "value", "values", "update", "set",
            "remove", "delete", "returning", "order", "by", "asc", "desc", "as", "limit", "group", "having", "join",
            "union", "like");

    private static final int RESERVED_COUNT = RESERVED.size();

    /**
     * Further words the parser tests for, which may also be attribute names, and the functions, whose
     * lower case is then a constant rather than a new string.
     */
    private static final Set<String> UNRESERVED = Set.of("exists", "all", "modified", "old", "new", "begins_with",
            "contains", "size", "attribute_type", "list_append", "set_add", "set_delete", "if_not_exists");

    // Token kinds (the low 3 bits of a token's code).
    static final int WORD = 0;
    static final int QUOTED = 1;
    static final int STRING = 2;
    static final int NUMBER = 3;
    static final int PUNCT = 4;
    static final int PARAMETER = 5;
    static final int INVALID = 6;
    static final int EOF = 7;

    private static final int RESERVED_BIT = 8;
    /** A string or quoted name with a doubled quote in it, whose text is not a plain substring. */
    private static final int ESCAPED_BIT = 16;
    private static final int ID_SHIFT = 5;

    /**
     * Every known word and punctuation mark, by id (the reserved words first, from 1); a token's id says
     * which it is (0: none). They are interned constants, as the string literals the parser tests tokens
     * against are.
     */
    private static final String[] SPELLINGS;

    /**
     * Words of at most this many ASCII characters are packed, 7 bits a lower-case character, into two
     * {@code long}s: exactly, as no word character packs to 0. The known words are all shorter.
     */
    private static final int MAX_PACKED = 18;
    private static final long LOW_63 = Long.MAX_VALUE;

    /** Known words by their packed lower case, open addressing: their ids and packed characters. */
    private static final int[] WORD_IDS = new int[256];
    private static final long[] WORD_LOW = new long[256];
    private static final long[] WORD_HIGH = new long[256];

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
                long low = 0;
                long high = 0;
                for (int k = 0; k < word.length(); k++) {
                    high = high << 7 | low >>> 56;
                    low = (low << 7 | word.charAt(k)) & LOW_63;
                }
                int slot = slot(low, high);
                while (WORD_IDS[slot] != 0) {
                    slot = (slot + 1) & 255;
                }
                WORD_IDS[slot] = spellings.size();
                WORD_LOW[slot] = low;
                WORD_HIGH[slot] = high;
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

    private final String s;
    private int count;
    /**
     * Three ints per token: its code (kind in the low 3 bits, whether it is a reserved word, whether it has a
     * doubled quote, and its spelling's id), the offset of its first character (its opening quote for strings
     * and quoted names; -1 for INVALID) and the offset after its last character (after its closing quote).
     */
    private int[] tokens;
    private int level;
    private int maxLevel;
    /** Whether the quoted text {@link #quoted} read last had a doubled quote. */
    private boolean escaped;

    private Lexer(String s) {
        this.s = s;
        tokens = new int[3 * (s.length() / 3 + 4)];
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

    /** The token's kind: {@link #WORD}, {@link #QUOTED}, ... */
    int kind(int t) {
        return tokens[3 * t] & 7;
    }

    int start(int t) {
        return tokens[3 * t + 1];
    }

    private int end(int t) {
        return tokens[3 * t + 2];
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
        return tokens[3 * t] >>> ID_SHIFT == id;
    }

    /** How deep brackets of any kind ({@code ( [ { <<}) nest in the statement, at the deepest. */
    int nesting() {
        return maxLevel;
    }

    /** Whether token {@code t} is one of {@link #RESERVED}: never an attribute or table name when bare. */
    boolean reserved(int t) {
        return (tokens[3 * t] & RESERVED_BIT) != 0;
    }

    /**
     * The token's text: the unquoted content of strings and quoted names, the lower case of a reserved word
     * (whose spelling nothing reads), the spelling of other words and of numbers.
     */
    String text(int t) {
        int code = tokens[3 * t];
        switch (code & 7) {
            case WORD:
                return (code & RESERVED_BIT) != 0 ? SPELLINGS[code >>> ID_SHIFT] : s.substring(start(t), end(t));
            case STRING:
            case QUOTED:
                return (code & ESCAPED_BIT) != 0
                        ? unquote(s, start(t) + 1, end(t) - 1, (code & 7) == STRING ? '\'' : '"')
                        : s.substring(start(t) + 1, end(t) - 1);
            case NUMBER:
                return s.substring(start(t), end(t));
            case PUNCT:
                return SPELLINGS[code >>> ID_SHIFT];
            case PARAMETER:
                return "?";
            default:
                return "";
        }
    }

    /** A word's lower case. */
    String lower(int t) {
        String known = SPELLINGS[tokens[3 * t] >>> ID_SHIFT];
        return known != null ? known : text(t).toLowerCase(Locale.ROOT);
    }

    /** The length of the token's text as {@link #text} gives it (with the quotes of a string or quoted name). */
    int length(int t) {
        int code = tokens[3 * t];
        switch (code & 7) {
            case STRING:
            case QUOTED:
                return (code & ESCAPED_BIT) != 0 ? text(t).length() + 2 : end(t) - start(t);
            case INVALID:
            case EOF:
                return 0;
            default:
                return end(t) - start(t);
        }
    }

    /** The digits of a NUMBER token as a long when it is at most 18 ASCII digits, else -1. */
    long smallInteger(int t) {
        int from = start(t);
        int to = end(t);
        if (to - from > 18) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private void run() {
        String s = this.s;
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            // The most frequent first; of these tests only the comments' and the operators' after them accept the
            // same characters, so they keep their order.
            if (c == ' ' || isWhitespace(c)) {
                i++;
            } else if (isLetter(c) || c == '_' || c == '$') {
                i = word(i);
            } else if (isDigit(c) || c == '.' && i + 1 < n && isDigit(s.charAt(i + 1))) {
                i = number(i, i);
            } else if (c == '\'' || c == '"') {
                int close = quoted(i + 1, c);
                if (close < 0) {
                    invalid();
                    return;
                }
                add((c == '\'' ? STRING : QUOTED) | (escaped ? ESCAPED_BIT : 0), i, close + 1, 0);
                i = close + 1;
            } else if (c == '?') {
                add(PARAMETER, i, i + 1, 0);
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int close = s.indexOf("*/", i + 2);
                if (close < 0) {
                    invalid();
                    return;
                }
                i = close + 2;
            } else if (i + 1 < n && twoCharOperator(c, s.charAt(i + 1)) != 0) {
                int id = twoCharOperator(c, s.charAt(i + 1));
                if (id == LT_LT) {
                    maxLevel = Math.max(maxLevel, ++level);
                } else if (id == GT_GT && level > 0) {
                    level--;
                }
                add(PUNCT, i, i + 2, id);
                i += 2;
            } else if (c < PUNCT_IDS.length && PUNCT_IDS[c] != 0) {
                if (c == '(' || c == '[' || c == '{') {
                    maxLevel = Math.max(maxLevel, ++level);
                } else if ((c == ')' || c == ']' || c == '}') && level > 0) {
                    level--;
                }
                add(PUNCT, i, i + 1, PUNCT_IDS[c]);
                i++;
            } else {
                invalid();
                return;
            }
        }
        add(EOF, n, n, 0);
    }

    /** Reads the word starting at {@code i} (a letter, {@code _} or {@code $}); the offset after it. */
    private int word(int i) {
        String s = this.s;
        int n = s.length();
        int from = i;
        // The word's lower case packed as it is read (its last MAX_PACKED characters), to look it up among the
        // known words.
        long low = 0;
        long high = 0;
        boolean ascii = true;
        while (i < n) {
            char w = s.charAt(i);
            if (w < 128) {
                char lower = LOWER_WORD_PART[w];
                if (lower == 0) {
                    break;
                }
                high = high << 7 | low >>> 56;
                low = (low << 7 | lower) & LOW_63;
            } else if (Character.isLetterOrDigit(w)) {
                ascii = false;
            } else {
                break;
            }
            i++;
        }
        int id = ascii && i - from <= MAX_PACKED ? known(low, high) : 0;
        add(WORD | (id != 0 && id <= RESERVED_COUNT ? RESERVED_BIT : 0), from, i, id);
        return i;
    }

    private void invalid() {
        add(INVALID, -1, -1, 0);
    }

    /** Adds a token of {@code kindAndFlags} (a kind and the reserved and escaped bits) and spelling {@code id}. */
    private void add(int kindAndFlags, int from, int to, int id) {
        int k = 3 * count;
        if (k == tokens.length) {
            tokens = Arrays.copyOf(tokens, 2 * k);
        }
        tokens[k] = kindAndFlags | id << ID_SHIFT;
        tokens[k + 1] = from;
        tokens[k + 2] = to;
        count++;
    }

    /** The slot of a packed word in {@link #WORD_IDS}. */
    private static int slot(long low, long high) {
        return (int) ((low * 0x9E3779B97F4A7C15L + high) >>> 56);
    }

    /** The id of the known word packed in {@code low} and {@code high}, or 0. */
    private static int known(long low, long high) {
        for (int slot = slot(low, high); WORD_IDS[slot] != 0; slot = (slot + 1) & 255) {
            if (WORD_LOW[slot] == low && WORD_HIGH[slot] == high) {
                return WORD_IDS[slot];
            }
        }
        return 0;
    }

    /**
     * The offset of the quote closing a string or quoted name whose content starts at {@code i}, or -1;
     * sets {@link #escaped} when the content has a doubled quote (one quote character of the text).
     */
    private int quoted(int i, char quote) {
        String s = this.s;
        int n = s.length();
        escaped = false;
        for (; i < n; i++) {
            if (s.charAt(i) == quote) {
                if (i + 1 < n && s.charAt(i + 1) == quote) {
                    escaped = true;
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
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
     * Reads the number {@code 12}, {@code 1.5}, {@code .5}, {@code 1e-3} starting at {@code i}; the offset after
     * it. An exponent needs its digits right after the e.
     */
    private int number(int from, int i) {
        String s = this.s;
        int n = s.length();
        while (i < n && isDigit(s.charAt(i))) {
            i++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int e = i + 1;
            if (e < n && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                e++;
            }
            if (e < n && isDigit(s.charAt(e))) {
                i = e;
                while (i < n && isDigit(s.charAt(i))) {
                    i++;
                }
            }
        }
        add(NUMBER, from, i, 0);
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
