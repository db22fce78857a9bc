package io.dynarocks.protocol.partiql;

import java.util.ArrayList;
import java.util.List;

/** Splits a PartiQL statement into tokens; text it cannot read ends the list with an INVALID token. */
final class Lexer {

    /**
     * A token; {@code text} is the unquoted content for strings and quoted identifiers, {@code start} the
     * offset of its first character in the statement (DynamoDB's semantic errors name a token's position).
     */
    record Token(Kind kind, String text, String lower, int start) {
        Token(Kind kind, String text, int start) {
            this(kind, text, kind == Kind.WORD ? text.toLowerCase(java.util.Locale.ROOT) : text, start);
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
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
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
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                    i++;
                }
                out.add(new Token(Kind.WORD, s.substring(start, i), start));
            } else if (Character.isDigit(c) || c == '.' && i + 1 < n && Character.isDigit(s.charAt(i + 1))) {
                i = number(s, i, out);
            } else if (c == '\'' || c == '"') {
                int start = i;
                StringBuilder text = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) {
                        return invalid(out);
                    }
                    char d = s.charAt(i++);
                    if (d == c) {
                        if (i < n && s.charAt(i) == c) {
                            text.append(c);
                            i++;
                            continue;
                        }
                        break;
                    }
                    text.append(d);
                }
                out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED, text.toString(), start));
            } else if (c == '?') {
                out.add(new Token(Kind.PARAMETER, "?", i));
                i++;
            } else if (i + 1 < n && isTwoCharOperator(c, s.charAt(i + 1))) {
                out.add(new Token(Kind.PUNCT, s.substring(i, i + 2), i));
                i += 2;
            } else if ("*,.[](){}:=<>+-;".indexOf(c) >= 0) {
                out.add(new Token(Kind.PUNCT, String.valueOf(c), i));
                i++;
            } else {
                return invalid(out);
            }
        }
        out.add(new Token(Kind.EOF, "", n));
        return out;
    }

    /** {@code << >> <= >= <> !=}. */
    private static boolean isTwoCharOperator(char c, char d) {
        return c == '<' && (d == '<' || d == '=' || d == '>') || c == '>' && (d == '>' || d == '=')
                || c == '!' && d == '=';
    }

    /** Reads {@code 12}, {@code 1.5}, {@code .5}, {@code 1e-3}; an exponent needs its digits right after the e. */
    private static int number(String s, int i, List<Token> out) {
        int start = i;
        int n = s.length();
        while (i < n && Character.isDigit(s.charAt(i))) {
            i++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(s.charAt(i))) {
                i++;
            }
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            int e = i + 1;
            if (e < n && (s.charAt(e) == '+' || s.charAt(e) == '-')) {
                e++;
            }
            if (e < n && Character.isDigit(s.charAt(e))) {
                i = e;
                while (i < n && Character.isDigit(s.charAt(i))) {
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
}
