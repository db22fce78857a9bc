package io.dynarocks.protocol.partiql;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits a PartiQL statement into tokens; text it cannot read ends the list with an INVALID token.
 *
 * <p>A statement seen for the first time is parsed before it runs, so this stays cheap: ASCII characters are
 * classified without {@link Character}'s Unicode tables, punctuation and known words share one string
 * per spelling, and a word is lower-cased (allocating) only when it is not a known word.
 */
final class Lexer {

    /** Words that end a term or start a clause; a bare one is never read as an attribute name. */
    static final Set<String> RESERVED = Set.of("select", "from", "where", "and", "or", "not", "in", "is",
            "between", "missing", "null", "true", "false", "insert", "into", "value", "values", "update", "set",
            "remove", "delete", "returning", "order", "by", "asc", "desc", "as", "limit", "group", "having", "join",
            "union", "like");

    /** Further words the parser tests for, which may also be attribute names. */
    private static final Set<String> UNRESERVED = Set.of("exists", "all", "modified", "old", "new");

    /** Known words by their first letter, so a word's lower case is looked up instead of built. */
    private static final String[][] KNOWN_BY_LETTER = knownByLetter();

    /** One string per single-character punctuation mark, by character. */
    private static final String[] PUNCT = punctuation("*,.[](){}:=<>+-;");

    /**
     * A token; {@code text} is the unquoted content for strings and quoted identifiers and the lower case of a
     * reserved word (whose spelling nothing reads), {@code lower} its lower case for words, {@code reserved} whether a word is one of {@link #RESERVED}, {@code start} the
     * offset of its first character in the statement (DynamoDB's semantic errors name a token's position).
     */
    record Token(Kind kind, String text, String lower, boolean reserved, int start) {
        Token(Kind kind, String text, int start) {
            this(kind, text, text, false, start);
        }

        boolean is(String punct) {
            return kind == Kind.PUNCT && text.equals(punct);
        }

        /** {@code word} is lower case. */
        boolean isKeyword(String word) {
            return kind == Kind.WORD && lower.equals(word);
        }
    }

    enum Kind { WORD, QUOTED, STRING, NUMBER, PUNCT, PARAMETER, INVALID, EOF }

    private Lexer() {}

    static List<Token> tokenize(String s) {
        int n = s.length();
        List<Token> out = new ArrayList<>(n / 3 + 2);
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (isWhitespace(c)) {
                i++;
            } else if (c == '-' && i + 1 < n && s.charAt(i + 1) == '-') {
                while (i < n && s.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                if (end < 0) {
                    return invalid(out);
                }
                i = end + 2;
            } else if (isLetter(c) || c == '_' || c == '$') {
                int start = i;
                while (i < n && isWordPart(s.charAt(i))) {
                    i++;
                }
                out.add(word(s, start, i));
            } else if (isDigit(c) || c == '.' && i + 1 < n && isDigit(s.charAt(i + 1))) {
                i = number(s, i, out);
            } else if (c == '\'' || c == '"') {
                int start = i;
                int end = quoted(s, i + 1, c);
                if (end < 0) {
                    return invalid(out);
                }
                out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, unquote(s, i + 1, end, c), start));
                i = end + 1;
            } else if (c == '?') {
                out.add(new Token(Kind.PARAMETER, "?", i));
                i++;
            } else if (i + 1 < n && twoCharOperator(c, s.charAt(i + 1)) != null) {
                out.add(new Token(Kind.PUNCT, twoCharOperator(c, s.charAt(i + 1)), i));
                i += 2;
            } else if (c < PUNCT.length && PUNCT[c] != null) {
                out.add(new Token(Kind.PUNCT, PUNCT[c], i));
                i++;
            } else {
                return invalid(out);
            }
        }
        out.add(new Token(Kind.EOF, "", n));
        return out;
    }

    private static Token word(String s, int start, int end) {
        String lower = known(s, start, end);
        if (lower != null && RESERVED.contains(lower)) {
            // Never a name: nothing reads its spelling, only its length, so no substring of it is made.
            return new Token(Kind.WORD, lower, lower, true, start);
        }
        String text = s.substring(start, end);
        return new Token(Kind.WORD, text, lower != null ? lower : text.toLowerCase(Locale.ROOT), false, start);
    }

    /** The known word that {@code s[start, end)} spells in any ASCII case, or null. */
    private static String known(String s, int start, int end) {
        int first = s.charAt(start) | 0x20;
        if (first < 'a' || first > 'z') {
            return null;
        }
        for (String word : KNOWN_BY_LETTER[first - 'a']) {
            if (word.length() == end - start && equalsIgnoringAsciiCase(s, start, word)) {
                return word;
            }
        }
        return null;
    }

    /** {@code word} is lower-case ASCII letters; only ASCII letters of {@code s} match it. */
    private static boolean equalsIgnoringAsciiCase(String s, int start, String word) {
        for (int k = 0; k < word.length(); k++) {
            char c = s.charAt(start + k);
            if (c >= 'A' && c <= 'Z') {
                c = (char) (c | 0x20);
            }
            if (c != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The offset of the quote closing a string or quoted name whose content starts at {@code i}, or -1. */
    private static int quoted(String s, int i, char quote) {
        int n = s.length();
        while (true) {
            int q = s.indexOf(quote, i);
            if (q < 0) {
                return -1;
            }
            if (q + 1 < n && s.charAt(q + 1) == quote) {
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

    /** {@code << >> <= >= <> !=}, or null. */
    private static String twoCharOperator(char c, char d) {
        if (c == '<') {
            return d == '<' ? "<<" : d == '=' ? "<=" : d == '>' ? "<>" : null;
        }
        if (c == '>') {
            return d == '>' ? ">>" : d == '=' ? ">=" : null;
        }
        return c == '!' && d == '=' ? "!=" : null;
    }

    /** Reads {@code 12}, {@code 1.5}, {@code .5}, {@code 1e-3}; an exponent needs its digits right after the e. */
    private static int number(String s, int i, List<Token> out) {
        int start = i;
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
        out.add(new Token(Kind.NUMBER, s.substring(start, i), start));
        return i;
    }

    private static List<Token> invalid(List<Token> out) {
        out.add(new Token(Kind.INVALID, "", -1));
        return out;
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

    private static boolean isWordPart(char c) {
        return c < 128 ? isLetter(c) || isDigit(c) || c == '_' || c == '$' : Character.isLetterOrDigit(c);
    }

    private static String[][] knownByLetter() {
        List<List<String>> byLetter = new ArrayList<>();
        for (int k = 0; k < 26; k++) {
            byLetter.add(new ArrayList<>());
        }
        for (Set<String> words : List.of(RESERVED, UNRESERVED)) {
            for (String word : words) {
                byLetter.get(word.charAt(0) - 'a').add(word);
            }
        }
        String[][] table = new String[26][];
        for (int k = 0; k < 26; k++) {
            table[k] = byLetter.get(k).toArray(String[]::new);
        }
        return table;
    }

    private static String[] punctuation(String marks) {
        String[] table = new String[128];
        for (char c : marks.toCharArray()) {
            table[c] = String.valueOf(c);
        }
        return table;
    }
}
