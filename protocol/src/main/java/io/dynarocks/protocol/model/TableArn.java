package io.dynarocks.protocol.model;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A table's ARN, {@code arn:aws:dynamodb:REGION:ACCOUNT:table/NAME}, as requests may name a table by
 * ("table name overloading"). An index or stream ARN is not one.
 */
public record TableArn(String region, String accountId, String tableName) {

    private static final Pattern PATTERN =
            Pattern.compile("arn:aws:dynamodb:([a-z0-9-]+):([0-9]{12}):table/([a-zA-Z0-9_.-]{3,255})");

    /** The table ARN {@code text} is, if it is one. */
    public static Optional<TableArn> parse(String text) {
        if (text == null || !text.startsWith("arn:")) {
            return Optional.empty();
        }
        Matcher m = PATTERN.matcher(text);
        return m.matches() ? Optional.of(new TableArn(m.group(1), m.group(2), m.group(3))) : Optional.empty();
    }
}
