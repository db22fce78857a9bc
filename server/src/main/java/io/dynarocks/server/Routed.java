package io.dynarocks.server;

import io.dynarocks.security.AccessKey;
import io.dynarocks.security.SignedRequest;
import java.util.function.UnaryOperator;

/**
 * Where a request goes: the database whose tables it acts on, the dispatcher that executes it there, its
 * body as that database reads it, and how a successful response is given back (tables named as the
 * request named them, see {@link TableArnNames}).
 */
record Routed(Database database, Dispatcher dispatcher, byte[] body, UnaryOperator<byte[]> response) {

    Routed(Database database, Dispatcher dispatcher, byte[] body) {
        this(database, dispatcher, body, UnaryOperator.identity());
    }

    /** The same request served by {@code other} instead. */
    Routed through(Dispatcher other) {
        return new Routed(database, other, body, response);
    }

    /** Chooses where a request goes, once its signature (if any) is verified. */
    @FunctionalInterface
    interface Route {

        /**
         * @param body the body with its content encoding undone
         * @param key  the key that signed {@code request}; null when authentication is off
         */
        Routed route(SignedRequest request, byte[] body, AccessKey key);
    }
}
