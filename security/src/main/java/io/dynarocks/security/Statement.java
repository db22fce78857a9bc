package io.dynarocks.security;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One statement of an IAM policy document: effect, actions (or NotAction), resources (or NotResource), for a
 * resource policy the principals, and the conditions that must all hold.
 *
 * @param actions    lower-case action patterns ({@code dynamodb:get*})
 * @param principals a resource policy's principals ({@code *}, account ids, account root or user ARNs); null in
 *                   identity policies
 */
record Statement(boolean allow, List<String> actions, boolean notAction, List<String> resources,
        boolean notResource, List<String> principals, List<ConditionClause> conditions) {

    boolean applies(AccessContext context) {
        if (!matchesAction(context.action()) || !matchesResource(context) || !matchesPrincipal(context.principal())) {
            return false;
        }
        for (ConditionClause c : conditions) {
            if (!c.holds(context)) {
                return false;
            }
        }
        return true;
    }

    private boolean matchesAction(String action) {
        boolean any = false;
        for (String pattern : actions) {
            // Action names are ASCII: comparing them lower-cased on the fly spares a copy per statement.
            if (Wildcard.matchesLowerCased(pattern, action)) {
                any = true;
                break;
            }
        }
        return any != notAction;
    }

    private boolean matchesResource(AccessContext context) {
        if (resources == null) {
            return true;
        }
        boolean any = false;
        for (String pattern : resources) {
            if (Wildcard.matches(context.substitute(pattern), context.resource())) {
                any = true;
                break;
            }
        }
        return any != notResource;
    }

    private boolean matchesPrincipal(Principal principal) {
        if (principals == null) {
            return true;
        }
        for (String p : principals) {
            if (p.equals("*") || p.equals(principal.accountId()) || p.equals("arn:aws:iam::" + principal.accountId()
                    + ":root") || Wildcard.matches(p, principal.arn())) {
                return true;
            }
        }
        return false;
    }

    static Statement parse(JsonNode node, boolean resourcePolicy) {
        String effect = node.path("Effect").asText();
        if (!effect.equals("Allow") && !effect.equals("Deny")) {
            throw new IllegalArgumentException("policy statement needs \"Effect\": \"Allow\" or \"Deny\": " + node);
        }
        boolean notAction = node.has("NotAction");
        List<String> actions = strings(node.get(notAction ? "NotAction" : "Action"), "Action", node).stream()
                .map(a -> a.toLowerCase(Locale.ROOT)).toList();
        boolean notResource = node.has("NotResource");
        JsonNode resourceNode = node.get(notResource ? "NotResource" : "Resource");
        List<String> resources = resourceNode == null && resourcePolicy ? null
                : strings(resourceNode, "Resource", node);
        List<String> principals = null;
        if (resourcePolicy) {
            JsonNode p = node.get("Principal");
            principals = p == null ? List.of() : p.isTextual() ? List.of(p.asText())
                    : strings(p.get("AWS"), "Principal", node);
        }
        List<ConditionClause> conditions = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> operators = node.path("Condition").fields();
        while (operators.hasNext()) {
            Map.Entry<String, JsonNode> op = operators.next();
            Iterator<Map.Entry<String, JsonNode>> keys = op.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> key = keys.next();
                conditions.add(clause(op.getKey(), key.getKey(), strings(key.getValue(), key.getKey(), node)));
            }
        }
        return new Statement(effect.equals("Allow"), actions, notAction, resources, notResource, principals,
                List.copyOf(conditions));
    }

    private static ConditionClause clause(String operatorName, String key, List<String> values) {
        ConditionClause.Qualifier qualifier = ConditionClause.Qualifier.NONE;
        String name = operatorName;
        if (name.startsWith("ForAllValues:")) {
            qualifier = ConditionClause.Qualifier.FOR_ALL_VALUES;
            name = name.substring("ForAllValues:".length());
        } else if (name.startsWith("ForAnyValue:")) {
            qualifier = ConditionClause.Qualifier.FOR_ANY_VALUE;
            name = name.substring("ForAnyValue:".length());
        }
        boolean ifExists = name.endsWith("IfExists");
        if (ifExists) {
            name = name.substring(0, name.length() - "IfExists".length());
        }
        ConditionOperator operator;
        try {
            operator = ConditionOperator.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown condition operator \"" + operatorName + "\"");
        }
        return new ConditionClause(operator, qualifier, ifExists, key.toLowerCase(Locale.ROOT), values);
    }

    private static List<String> strings(JsonNode node, String what, JsonNode statement) {
        if (node == null) {
            throw new IllegalArgumentException("policy statement needs \"" + what + "\": " + statement);
        }
        if (node.isArray()) {
            List<String> out = new ArrayList<>();
            node.forEach(v -> out.add(v.asText()));
            return List.copyOf(out);
        }
        return List.of(node.asText());
    }
}
