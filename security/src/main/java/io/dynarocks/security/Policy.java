package io.dynarocks.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** An IAM policy document (identity-based or resource-based), parsed once. */
record Policy(List<Statement> statements) {

    /** What a set of policies says about one request. */
    enum Decision { ALLOW, DENY, NONE }

    static Policy parse(JsonNode document, boolean resourcePolicy) {
        JsonNode node = document.get("Statement");
        if (node == null) {
            throw new IllegalArgumentException("a policy document needs \"Statement\"");
        }
        List<Statement> statements = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(s -> statements.add(Statement.parse(s, resourcePolicy)));
        } else {
            statements.add(Statement.parse(node, resourcePolicy));
        }
        return new Policy(List.copyOf(statements));
    }

    /** An explicit deny wins; otherwise any allowing statement allows; otherwise nothing is said. */
    static Decision evaluate(List<Policy> policies, AccessContext context) {
        boolean allowed = false;
        for (Policy policy : policies) {
            for (Statement s : policy.statements) {
                if (s.applies(context)) {
                    if (!s.allow()) {
                        return Decision.DENY;
                    }
                    allowed = true;
                }
            }
        }
        return allowed ? Decision.ALLOW : Decision.NONE;
    }
}
