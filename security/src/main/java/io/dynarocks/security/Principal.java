package io.dynarocks.security;

import java.util.Map;

/**
 * Who signed a request: an IAM user of an account, its tags ({@code aws:PrincipalTag/...}) and the
 * identity policies attached to it.
 *
 * @param policies the identity policies; {@link Policies#FULL_ACCESS} for keys given without any
 */
public record Principal(String accountId, String userName, Map<String, String> tags, Policies policies) {

    /** The user's ARN, as AWS names it in AccessDeniedException messages. */
    public String arn() {
        return "arn:aws:iam::" + accountId + ":user/" + userName;
    }
}
