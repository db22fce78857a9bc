package io.dynarocks.security;

import java.util.List;

/**
 * One key of a policy's {@code Condition} block: {@code "ForAllValues:StringEquals": {"dynamodb:Attributes":
 * [...]}} is one clause. Values within a clause are alternatives (OR); clauses of a statement all hold (AND).
 *
 * @param key    the condition key, lower case (IAM's keys are case-insensitive)
 * @param values the policy values, possibly with policy variables
 */
record ConditionClause(ConditionOperator operator, Qualifier qualifier, boolean ifExists, String key,
        List<String> values) {

    /** How a multivalued request key is compared: plain, {@code ForAllValues:} or {@code ForAnyValue:}. */
    enum Qualifier { NONE, FOR_ALL_VALUES, FOR_ANY_VALUE }

    boolean holds(AccessContext context) {
        List<String> actual = context.values(key);
        if (operator == ConditionOperator.Null) {
            boolean absent = actual == null || actual.isEmpty();
            return values.stream().anyMatch(v -> Boolean.parseBoolean(v) == absent);
        }
        switch (qualifier) {
            case FOR_ALL_VALUES:
                // IAM's rule: a request without the key satisfies ForAllValues, whatever the values.
                if (actual == null) {
                    return true;
                }
                for (String a : actual) {
                    if (!matches(a, context)) {
                        return false;
                    }
                }
                return true;
            case FOR_ANY_VALUE:
                if (actual == null) {
                    return false;
                }
                for (String a : actual) {
                    if (matches(a, context)) {
                        return true;
                    }
                }
                return false;
            default:
                if (actual == null || actual.isEmpty()) {
                    return ifExists || operator.negated;
                }
                if (operator.negated) {
                    for (String a : actual) {
                        if (!matches(a, context)) {
                            return false;
                        }
                    }
                    return true;
                }
                for (String a : actual) {
                    if (matches(a, context)) {
                        return true;
                    }
                }
                return false;
        }
    }

    /** Whether request value {@code a} satisfies this clause: matches one value, or for a negated operator none. */
    private boolean matches(String a, AccessContext context) {
        for (String v : values) {
            if (operator.test(a, context.substitute(v))) {
                return !operator.negated;
            }
        }
        return operator.negated;
    }
}
