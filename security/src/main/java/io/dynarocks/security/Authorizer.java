package io.dynarocks.security;

import io.dynarocks.engine.catalog.Catalog;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Decides whether a principal may make a decoded request, as IAM does: every access the request makes
 * (one per item for batches and transactions) must be allowed, an explicit deny wins, and what no policy
 * allows is denied. Refusals are AccessDeniedException with AWS's message.
 */
final class Authorizer {

    private final Catalog catalog;
    private final Clock clock;
    private final ResourcePolicies resourcePolicies;

    /** @param resourcePolicies the tables' resource-based policies; null for none */
    Authorizer(Catalog catalog, Clock clock, ResourcePolicies resourcePolicies) {
        this.catalog = catalog;
        this.clock = clock;
        this.resourcePolicies = resourcePolicies;
    }

    /** What {@code request}, the decoded body of {@code target}, touches on behalf of {@code principal}. */
    List<RequestAccesses.Access> accesses(Principal principal, String target, Object request) {
        return RequestAccesses.of(target, request, catalog, principal.accountId());
    }

    /**
     * Refuses (AccessDeniedException) unless every one of {@code accesses} is allowed. Within an account, as
     * here (tables are not separated per account), an identity policy or the table's resource policy may
     * allow; an explicit deny in either refuses.
     */
    void authorize(Principal principal, List<RequestAccesses.Access> accesses, InetAddress sourceIp,
            boolean secure) {
        Instant now = clock.instant();
        for (RequestAccesses.Access access : accesses) {
            AccessContext context = new AccessContext(principal, access.action(), access.resource(), access.keys(),
                    sourceIp, now, secure);
            Policy.Decision identity = principal.policies().evaluate(context);
            if (identity == Policy.Decision.DENY) {
                throw denied(context, "with an explicit deny in an identity-based policy");
            }
            Policy.Decision resource = resourcePolicies == null ? Policy.Decision.NONE
                    : resourcePolicies.evaluate(context);
            if (resource == Policy.Decision.DENY) {
                throw denied(context, "with an explicit deny in a resource-based policy");
            }
            if (identity != Policy.Decision.ALLOW && resource != Policy.Decision.ALLOW) {
                throw denied(context, "because no identity-based policy allows the " + access.action() + " action");
            }
        }
    }

    private static RuntimeException denied(AccessContext context, String reason) {
        return AccessErrors.accessDenied("User: " + context.principal().arn() + " is not authorized to perform: "
                + context.action() + " on resource: " + context.resource() + " " + reason);
    }
}
