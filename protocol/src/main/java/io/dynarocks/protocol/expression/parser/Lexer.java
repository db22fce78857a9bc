package io.dynarocks.protocol.expression.parser;

import java.util.ArrayList;
import java.util.List;

/** Splits expression text into tokens; never fails (unknown characters become INVALID tokens). */
final class Lexer {

    private Lexer() {}

    static List<Token> tokenize(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            int start = i;
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                i++;
                continue;
            }
            if (isLetter(c)) {
                i = skipWordChars(s, i + 1);
                out.add(new Token(Token.Kind.NAME, s.substring(start, i), start, i));
            } else if (c >= '0' && c <= '9') {
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                out.add(new Token(Token.Kind.NUMBER, s.substring(start, i), start, i));
            } else if ((c == '#' || c == ':') && i + 1 < n && isWordChar(s.charAt(i + 1))) {
                i = skipWordChars(s, i + 1);
                Token.Kind kind = c == '#' ? Token.Kind.NAME_REF : Token.Kind.VALUE_REF;
                out.add(new Token(kind, s.substring(start, i), start, i));
            } else if ((c == '<' || c == '>') && i + 1 < n && (s.charAt(i + 1) == '=' || c == '<' && s.charAt(i + 1) == '>')) {
                i += 2;
                out.add(new Token(Token.Kind.PUNCT, s.substring(start, i), start, i));
            } else if ("()[],.=+-<>".indexOf(c) >= 0) {
                i++;
                out.add(new Token(Token.Kind.PUNCT, String.valueOf(c), start, i));
            } else {
                i += Character.charCount(s.codePointAt(i));
                out.add(new Token(Token.Kind.INVALID, s.substring(start, i), start, i));
            }
        }
        out.add(new Token(Token.Kind.EOF, "<EOF>", n, n));
        return out;
    }

    private static int skipWordChars(String s, int i) {
        while (i < s.length() && isWordChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean isWordChar(char c) {
        return isLetter(c) || c >= '0' && c <= '9' || c == '_';
    }
}
