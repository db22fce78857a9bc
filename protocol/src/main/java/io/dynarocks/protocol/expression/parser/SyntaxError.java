package io.dynarocks.protocol.expression.parser;

/** A syntax error; the caller prefixes "Invalid XExpression: " to {@link #getMessage()}. */
public final class SyntaxError extends RuntimeException {

    public SyntaxError(String token, String near) {
        super("Syntax error; token: \"" + token + "\", near: \"" + near + "\"", null, false, false);
    }

    /** An error that is not about one token, e.g. a limit. */
    public SyntaxError(String message) {
        super(message, null, false, false);
    }
}
