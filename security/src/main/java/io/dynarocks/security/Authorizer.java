package io.dynarocks.security;

import io.dynarocks.engine.Engine;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/**
 * Decides whether a principal may make a decoded request, as IAM does: every access the request makes
 * (one per item for batches and transactions) must be allowed, an explicit deny wins, and what no policy
 * allows is denied. Within the principal's account an identity policy or the table's resource policy may
 * allow; on another account's table both must. Refusals are AccessDeniedException with AWS's message.
 */
final class Authorizer {

    private final Clock clock;

    Authorizer(Clock clock) {
        this.clock = clock;
    }

    /**
     * What {@code request}, the decoded body of {@code target}, touches in the tables of {@code engine}.
     */
    List<RequestAccesses.Access> accesses(String target, Object request, Engine engine) {
        return RequestAccesses.of(target, request, engine);
    }

    /**
     * Refuses (AccessDeniedException) unless every one of {@code accesses} is allowed to {@code principal};
     * {@code resourcePolicies} (null for none) are those of the tables accessed, of account {@code owner}.
     */
    void authorize(Principal principal, List<RequestAccesses.Access> accesses, InetAddress sourceIp,
            boolean secure, ResourcePolicies resourcePolicies, String owner) {
        Instant now = clock.instant();
        boolean crossAccount = !owner.equals(principal.accountId());
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
            if (crossAccount ? identity != Policy.Decision.ALLOW
                    : identity != Policy.Decision.ALLOW && resource != Policy.Decision.ALLOW) {
                throw denied(context, "because no identity-based policy allows the " + access.action() + " action");
            }
            if (crossAccount && resource != Policy.Decision.ALLOW) {
                throw denied(context, "because no resource-based policy allows the " + access.action() + " action");
            }
        }
    }

    private static RuntimeException denied(AccessContext context, String reason) {
        return AccessErrors.accessDenied("User: " + context.principal().arn() + " is not authorized to perform: "
                + context.action() + " on resource: " + context.resource() + " " + reason);
    }
}
