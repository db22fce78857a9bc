package io.dynarocks.protocol.expression.parser;

/** A lexical token of an expression, with its position in the source text. */
public record Token(Kind kind, String text, int start, int end) {

    /** Token kinds; {@code INVALID} is a character no token starts with. */
    public enum Kind { NAME, NAME_REF, VALUE_REF, NUMBER, PUNCT, INVALID, EOF }

    public boolean isPunct(String p) {
        return kind == Kind.PUNCT && text.equals(p);
    }

    public boolean isWord(String keyword) {
        return kind == Kind.NAME && text.equalsIgnoreCase(keyword);
    }
}
