package io.dynarocks.security;

import io.dynarocks.engine.RequestGuard;
import io.dynarocks.engine.catalog.Catalog;
import io.dynarocks.protocol.DynamoException;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The server's security checks for one request: who signed it, then whether the decoded request is allowed,
 * with an optional audit line. Built only when authentication is on, so the unauthenticated path never
 * reaches this module.
 */
public final class Security implements AutoCloseable {

    private final SignatureV4 signatures;
    private final Authorizer authorizer;
    private final AuditLog audit;
    private final ResourcePolicies resourcePolicies;

    private Security(Credentials credentials, Clock clock, Catalog catalog, ResourcePolicies resourcePolicies,
            AuditLog audit) {
        this.signatures = new SignatureV4(credentials, clock);
        this.authorizer = new Authorizer(catalog, clock, resourcePolicies);
        this.audit = audit;
        this.resourcePolicies = resourcePolicies;
    }

    /**
     * The checks {@code config} asks for, or null when authentication is off; {@code catalog} gives the key
     * schemas that {@code dynamodb:LeadingKeys} needs, {@code resourcePolicies} (null for none) the tables'
     * resource-based policies.
     */
    public static Security of(SecurityConfig config, Clock clock, Catalog catalog,
            ResourcePolicies resourcePolicies) {
        if (!config.authEnabled()) {
            if (config.auditLog() != null) {
                throw new IllegalArgumentException("--audit-log records who made each request: it needs --auth or "
                        + "--auth-key");
            }
            return null;
        }
        Credentials credentials = Credentials.load(config.authFile(), config.authKeys());
        return new Security(credentials, clock, catalog, resourcePolicies,
                config.auditLog() == null ? null : AuditLog.open(config.auditLog(), clock));
    }

    /**
     * Verifies who signed {@code request} (DynamoDB's authentication errors otherwise) and returns the guard
     * that authorizes what the request asks once it is decoded.
     */
    public RequestGuard authenticate(SignedRequest request) {
        AccessKey key;
        try {
            key = signatures.verify(request);
        } catch (DynamoException e) {
            if (audit != null) {
                String target = request.header("X-Amz-Target");
                audit.record(null, null, target == null ? null : action(target), List.of(), request.sourceAddress(),
                        e.type());
            }
            throw e;
        }
        Principal principal = key.principal();
        return (target, decoded) -> {
            if (principal.policies().fullAccess() && audit == null
                    && (resourcePolicies == null || !resourcePolicies.any())) {
                return;
            }
            List<RequestAccesses.Access> accesses = authorizer.accesses(principal, target, decoded);
            try {
                authorizer.authorize(principal, accesses, request.sourceAddress(), request.secure());
            } catch (DynamoException e) {
                audit(key, target, accesses, request, e.type());
                throw e;
            }
            audit(key, target, accesses, request, "Allowed");
        };
    }

    private void audit(AccessKey key, String target, List<RequestAccesses.Access> accesses, SignedRequest request,
            String outcome) {
        if (audit == null) {
            return;
        }
        Set<String> resources = new LinkedHashSet<>();
        accesses.forEach(a -> resources.add(a.resource()));
        audit.record(key.principal(), key.id(), action(target), resources, request.sourceAddress(), outcome);
    }

    private static String action(String target) {
        return "dynamodb:" + target.substring(target.indexOf('.') + 1);
    }

    @Override
    public void close() {
        if (audit != null) {
            audit.close();
        }
    }
}
