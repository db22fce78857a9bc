package io.dynarocks.server;

import io.dynarocks.engine.RequestGuard;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.security.AccessKey;
import io.dynarocks.security.Security;
import io.dynarocks.security.SignedRequest;

/**
 * The path every request takes, over HTTP or from an in-process client: who signed it, where it goes, what it may
 * do there, and its answer. One path, so that both kinds of caller are authenticated and authorized alike.
 */
final class Admission {

    /** A routed request and the guard that authorizes it once decoded (null when authentication is off). */
    record Admitted(Routed routed, RequestGuard guard) {}

    private final Routed.Route route;
    private final Dispatcher fallback;
    private final Security security;

    /**
     * @param route    where a request goes, once its signature is verified
     * @param fallback answers requests refused before they are routed
     * @param security who may do what; null when authentication is off
     */
    Admission(Routed.Route route, Dispatcher fallback, Security security) {
        this.route = route;
        this.fallback = fallback;
        this.security = security;
    }

    /** The key that signed {@code request}, null when authentication is off; DynamoDB's errors when none did. */
    AccessKey verify(SignedRequest request) {
        return security == null ? null : security.verify(request);
    }

    /** Where the request with decoded body {@code body}, signed with {@code key}, goes, and its guard there. */
    Admitted admit(SignedRequest request, byte[] body, AccessKey key) {
        Routed routed = route.route(request, body, key);
        RequestGuard guard = null;
        if (key != null) {
            Database database = routed.database();
            guard = security.guard(key, request, database.engine(), database.resourcePolicies());
        }
        return new Admitted(routed, guard);
    }

    /** Dispatches an admitted request, naming its tables in a successful response as the request did. */
    Dispatcher.Reply answer(Admitted admitted, String target, String host) {
        Routed routed = admitted.routed();
        Dispatcher dispatcher = routed.dispatcher();
        try {
            Dispatcher.Reply answer = dispatcher.dispatch(target, routed.body(), host, admitted.guard());
            return answer.status() == 200 ? new Dispatcher.Reply(200, routed.response().apply(answer.body())) : answer;
        } catch (DynamoException e) {
            return dispatcher.reject(target, e);
        }
    }

    /** The answer to a request refused before it was routed. */
    Dispatcher.Reply reject(String target, DynamoException e) {
        return fallback.reject(target, e);
    }

    /**
     * Verifies, routes, authorizes and answers {@code request} (its body not content-encoded) in the calling
     * thread, as it addressed {@code host}.
     */
    Dispatcher.Reply serve(SignedRequest request, String host) {
        String target = request.header("X-Amz-Target");
        Admitted admitted;
        try {
            admitted = admit(request, request.body(), verify(request));
        } catch (DynamoException e) {
            return reject(target, e);
        }
        return answer(admitted, target, host);
    }
}
