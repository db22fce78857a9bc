package io.dynarocks.server;

import io.dynarocks.security.AccessKey;
import io.dynarocks.security.SignedRequest;

/**
 * Where a request goes: the database whose tables it acts on, the dispatcher that executes it there, and
 * its body as that database reads it.
 */
record Routed(Database database, Dispatcher dispatcher, byte[] body) {

    /** Chooses where a request goes, once its signature (if any) is verified. */
    @FunctionalInterface
    interface Route {

        /** @param key the key that signed {@code request}; null when authentication is off */
        Routed route(SignedRequest request, AccessKey key);
    }
}
