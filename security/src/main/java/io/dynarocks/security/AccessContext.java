package io.dynarocks.security;

import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One authorization question: may {@code principal} perform {@code action} on {@code resource}, given the
 * request's condition keys ({@code dynamodb:LeadingKeys}, {@code dynamodb:Attributes}, ...) and the global
 * ones ({@code aws:SourceIp}, {@code aws:CurrentTime}, {@code aws:username}, ...).
 *
 * @param requestKeys the request's own condition keys, lower-case names
 */
record AccessContext(Principal principal, String action, String resource, Map<String, List<String>> requestKeys,
        InetAddress sourceIp, Instant now, boolean secureTransport) {

    /** The values of condition key {@code lowerName} in this request, or null when the request has none. */
    List<String> values(String lowerName) {
        List<String> own = requestKeys.get(lowerName);
        if (own != null) {
            return own;
        }
        if (!lowerName.startsWith("aws:")) {
            return null;
        }
        switch (lowerName) {
            case "aws:username":
                return List.of(principal.userName());
            case "aws:userid":
                return List.of(principal.userName());
            case "aws:principalaccount":
                return List.of(principal.accountId());
            case "aws:principalarn":
                return List.of(principal.arn());
            case "aws:principaltype":
                return List.of("User");
            case "aws:sourceip":
                return sourceIp == null ? null : List.of(sourceIp.getHostAddress());
            case "aws:currenttime":
                return List.of(now.toString());
            case "aws:epochtime":
                return List.of(Long.toString(now.getEpochSecond()));
            case "aws:securetransport":
                return List.of(Boolean.toString(secureTransport));
            default:
                if (lowerName.startsWith("aws:principaltag/")) {
                    String tag = tag(lowerName.substring("aws:principaltag/".length()));
                    return tag == null ? null : List.of(tag);
                }
                return null;
        }
    }

    /** Tag keys are matched without regard to case, as IAM does. */
    private String tag(String lowerKey) {
        for (Map.Entry<String, String> e : principal.tags().entrySet()) {
            if (e.getKey().equalsIgnoreCase(lowerKey)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** {@code text} with its policy variables ({@code ${aws:username}}, {@code ${*}}, ...) replaced. */
    String substitute(String text) {
        int start = text.indexOf("${");
        if (start < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        int from = 0;
        while (start >= 0) {
            int end = text.indexOf('}', start);
            if (end < 0) {
                break;
            }
            out.append(text, from, start);
            String name = text.substring(start + 2, end);
            switch (name) {
                case "*" -> out.append('*');
                case "?" -> out.append('?');
                case "$" -> out.append('$');
                default -> {
                    List<String> v = values(name.toLowerCase(java.util.Locale.ROOT));
                    // An unknown variable makes the value match nothing, as in IAM.
                    out.append(v == null || v.isEmpty() ? "\u0000unresolved\u0000" : v.get(0));
                }
            }
            from = end + 1;
            start = text.indexOf("${", from);
        }
        return out.append(text, from, text.length()).toString();
    }
}
