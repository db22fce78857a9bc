package io.dynarocks.client;

import io.dynarocks.server.Dispatcher;
import io.dynarocks.server.DynaRocks;
import software.amazon.awssdk.http.SdkHttpRequest;

/** How an in-process client's request, as the SDK made it, reaches the server and becomes its reply. */
@FunctionalInterface
interface Delivery {

    Dispatcher.Reply deliver(SdkHttpRequest request, byte[] body);

    /** Straight to the dispatcher: no signature to check (authentication off), the cheapest path. */
    static Delivery unsigned(Dispatcher dispatcher) {
        return (request, body) -> dispatcher.dispatch(Exchange.target(request), body, Exchange.address(request));
    }

    /** Through the server's signature check, routing and authorization, as over HTTP. */
    static Delivery signed(DynaRocks db) {
        return (request, body) -> db.serve(new SdkSignedRequest(request, body), Exchange.address(request));
    }

    /** The path {@code db}'s requests take: signed when it authenticates them. */
    static Delivery to(DynaRocks db) {
        return db.authenticates() ? signed(db) : unsigned(db.dispatcher());
    }
}
