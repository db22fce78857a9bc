package io.dynarocks.security;

/**
 * An access key: its id, its secret, the session token that temporary credentials carry (null for a
 * long-term key) and the principal it belongs to.
 */
public record AccessKey(String id, String secret, String sessionToken, Principal principal) {

    @Override
    public String toString() {
        return "AccessKey[" + id + " of " + principal.arn() + "]";
    }
}
