package io.dynarocks.security;

import io.dynarocks.engine.RequestGuard;
import io.dynarocks.engine.catalog.Catalog;
import java.time.Clock;

/**
 * The server's security checks for one request: who signed it. Built only when authentication is on, so
 * the unauthenticated path never reaches this module.
 */
public final class Security {

    private final SignatureV4 signatures;
    private final Authorizer authorizer;

    private Security(Credentials credentials, Clock clock, Catalog catalog) {
        this.signatures = new SignatureV4(credentials, clock);
        this.authorizer = new Authorizer(catalog, clock);
    }

    /**
     * The checks {@code config} asks for, or null when authentication is off; {@code catalog} gives the key
     * schemas that {@code dynamodb:LeadingKeys} needs.
     */
    public static Security of(SecurityConfig config, Clock clock, Catalog catalog) {
        if (!config.authEnabled()) {
            return null;
        }
        return new Security(Credentials.load(config.authFile(), config.authKeys()), clock, catalog);
    }

    /**
     * Verifies who signed {@code request} (DynamoDB's authentication errors otherwise) and returns the guard
     * that authorizes what the request asks once it is decoded.
     */
    public RequestGuard authenticate(SignedRequest request) {
        Principal principal = signatures.verify(request).principal();
        return (target, decoded) -> authorizer.authorize(principal, target, decoded, request.sourceAddress(),
                request.secure());
    }
}
