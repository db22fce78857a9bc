package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects request-member constraint violations and reports them the way DynamoDB does:
 * {@code "2 validation errors detected: Value null at 'tableName' failed to satisfy constraint: …; …"}.
 */
public final class Constraints {

    private final List<String> errors = new ArrayList<>();

    /** A member DynamoDB checks before all others: its absence is reported alone, e.g. for TableName. */
    public static void required(Object value, String member) {
        if (value == null) {
            throw DynamoException.validation("The parameter '" + member + "' is required but was not present in the "
                    + "request");
        }
    }

    public Constraints notNull(Object value, String member) {
        if (value == null) {
            fail(null, member, "Member must not be null");
        }
        return this;
    }

    /** DynamoDB's table (and index) name rules: 3..255 characters of {@code [a-zA-Z0-9_.-]}. */
    public Constraints tableName(String name, String member) {
        if (name == null) {
            return notNull(null, member);
        }
        if (!isTableNameText(name)) {
            fail(name, member, "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
        }
        if (name.length() < 3) {
            fail(name, member, "Member must have length greater than or equal to 3");
        }
        if (name.length() > 255) {
            fail(name, member, "Member must have length less than or equal to 255");
        }
        return this;
    }

    /** {@code [a-zA-Z0-9_.-]+}, checked without a regular expression: every request names a table. */
    private static boolean isTableNameText(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean allowed = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '_' || c == '.' || c == '-';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    public Constraints range(Number value, long min, long max, String member) {
        if (value != null && value.longValue() < min) {
            fail(value, member, "Member must have value greater than or equal to " + min);
        }
        if (value != null && value.longValue() > max) {
            fail(value, member, "Member must have value less than or equal to " + max);
        }
        return this;
    }

    public Constraints oneOf(String value, String member, String... allowed) {
        if (value != null && !List.of(allowed).contains(value)) {
            fail(value, member, "Member must satisfy enum value set: [" + String.join(", ", allowed) + "]");
        }
        return this;
    }

    public Constraints size(List<?> list, int min, int max, String member) {
        if (list != null && list.size() < min) {
            fail(list, member, "Member must have length greater than or equal to " + min);
        }
        if (list != null && list.size() > max) {
            fail(list, member, "Member must have length less than or equal to " + max);
        }
        return this;
    }

    public Constraints length(String value, int min, int max, String member) {
        if (value != null && value.length() < min) {
            fail(value, member, "Member must have length greater than or equal to " + min);
        }
        if (value != null && value.length() > max) {
            fail(value, member, "Member must have length less than or equal to " + max);
        }
        return this;
    }

    public Constraints fail(Object value, String member, String constraint) {
        // DynamoDB quotes every value it shows, numbers and lists included: Value '0' at 'limit'.
        String shown = value == null ? "null" : "'" + value + "'";
        errors.add("Value " + shown + " at '" + member + "' failed to satisfy constraint: " + constraint);
        return this;
    }

    /** Throws the collected violations, if any, as one ValidationException. */
    public void check() {
        if (errors.isEmpty()) {
            return;
        }
        String head = errors.size() == 1 ? "1 validation error detected: " : errors.size() + " validation errors detected: ";
        throw DynamoException.validation(head + String.join("; ", errors));
    }
}
