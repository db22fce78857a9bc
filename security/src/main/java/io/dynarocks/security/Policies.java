package io.dynarocks.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The identity policies attached to a principal; {@link #FULL_ACCESS} when none were given. */
public final class Policies {

    /** Every action on every resource is allowed (an administrator's key). */
    public static final Policies FULL_ACCESS = new Policies(null);

    private final List<Policy> documents;

    private Policies(List<Policy> documents) {
        this.documents = documents;
    }

    /** Parses identity policy documents; a malformed one fails with IllegalArgumentException. */
    static Policies of(List<JsonNode> documents) {
        return new Policies(documents.stream().map(d -> Policy.parse(d, false)).toList());
    }

    public boolean fullAccess() {
        return documents == null;
    }

    Policy.Decision evaluate(AccessContext context) {
        return documents == null ? Policy.Decision.ALLOW : Policy.evaluate(documents, context);
    }
}
