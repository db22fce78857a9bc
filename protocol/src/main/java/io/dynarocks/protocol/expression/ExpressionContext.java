package io.dynarocks.protocol.expression;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The ExpressionAttributeNames and ExpressionAttributeValues of one request; remembers which of them
 * the request's expressions used, so unused ones can be reported as DynamoDB does.
 */
public final class ExpressionContext {

    private static final Pattern NAME_KEY = Pattern.compile("#[0-9a-zA-Z_]+");
    private static final Pattern VALUE_KEY = Pattern.compile(":[0-9a-zA-Z_]+");

    private final Map<String, String> names;
    private final Map<String, AttributeValue> values;
    private final Set<String> usedNames = new LinkedHashSet<>();
    private final Set<String> usedValues = new LinkedHashSet<>();

    public ExpressionContext(Map<String, String> names, Map<String, AttributeValue> values) {
        this.names = names == null ? null : new LinkedHashMap<>(names);
        this.values = values == null ? null : new LinkedHashMap<>(values);
    }

    /** A context for a request without ExpressionAttributeNames/Values. */
    public static ExpressionContext empty() {
        return new ExpressionContext(null, null);
    }

    /**
     * Checks the maps themselves ("ExpressionAttributeNames must not be empty", invalid keys), which
     * DynamoDB does before parsing any expression.
     */
    public void checkKeys() {
        if (names != null) {
            if (names.isEmpty()) {
                throw DynamoException.validation("ExpressionAttributeNames must not be empty");
            }
            for (Map.Entry<String, String> e : names.entrySet()) {
                if (!NAME_KEY.matcher(e.getKey()).matches()) {
                    throw DynamoException.validation(
                            "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + e.getKey() + "\"");
                }
                if (e.getValue() == null || e.getValue().isEmpty()) {
                    throw DynamoException.validation("ExpressionAttributeNames contains invalid value: "
                            + "Empty attribute name for key " + e.getKey());
                }
            }
        }
        if (values != null) {
            if (values.isEmpty()) {
                throw DynamoException.validation("ExpressionAttributeValues must not be empty");
            }
            for (String key : values.keySet()) {
                if (!VALUE_KEY.matcher(key).matches()) {
                    throw DynamoException.validation(
                            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
                }
            }
        }
    }

    /** The attribute name for {@code #placeholder}, marking it used; null if not defined. */
    String name(String placeholder) {
        String name = names == null ? null : names.get(placeholder);
        if (name != null) {
            usedNames.add(placeholder);
        }
        return name;
    }

    /** The value for {@code :placeholder}, marking it used; null if not defined. */
    AttributeValue value(String placeholder) {
        AttributeValue value = values == null ? null : values.get(placeholder);
        if (value != null) {
            usedValues.add(placeholder);
        }
        return value;
    }

    /** Throws DynamoDB's error for names or values no expression of the request used. */
    public void checkAllUsed() {
        if (names != null) {
            Set<String> unused = new LinkedHashSet<>(names.keySet());
            unused.removeAll(usedNames);
            if (!unused.isEmpty()) {
                throw DynamoException.validation("Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                        + String.join(", ", unused) + "}");
            }
        }
        if (values != null) {
            Set<String> unused = new LinkedHashSet<>(values.keySet());
            unused.removeAll(usedValues);
            if (!unused.isEmpty()) {
                throw DynamoException.validation("Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                        + String.join(", ", unused) + "}");
            }
        }
    }
}
