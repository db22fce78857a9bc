package io.dynarocks.server;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request whose {@code TableName} is a table ARN, as DynamoDB accepts it and as another account's table
 * must be named: the account that owns the table, and the body with the plain table name, which is what
 * the operations of that account's database read.
 */
record TableArnName(String accountId, byte[] body) {

    private static final byte[] MARK = "\"arn:aws:dynamodb:".getBytes(StandardCharsets.UTF_8);
    private static final Pattern TABLE_ARN =
            Pattern.compile("arn:aws:dynamodb:[a-z0-9-]+:([0-9]{12}):table/([a-zA-Z0-9_.-]{3,255})");

    /** The ARN {@code body}'s top-level TableName holds; empty when it names a table by name (or is not JSON). */
    static Optional<TableArnName> of(byte[] body) {
        if (indexOf(body, MARK, 0) < 0) {
            return Optional.empty();
        }
        String[] tableName = new String[1];
        try {
            JsonReader.readBody(body, (name, r) -> {
                if (name.equals("TableName") && tableName[0] == null) {
                    tableName[0] = r.readString();
                } else {
                    r.skip();
                }
            });
        } catch (DynamoException | IllegalArgumentException e) {
            return Optional.empty();
        }
        Matcher m = tableName[0] == null ? null : TABLE_ARN.matcher(tableName[0]);
        if (m == null || !m.matches()) {
            return Optional.empty();
        }
        byte[] arn = ("\"" + tableName[0] + "\"").getBytes(StandardCharsets.UTF_8);
        int at = indexOf(body, arn, 0);
        if (at < 0) {
            // Written with escapes: left as it is, for the request's own validation to refuse.
            return Optional.empty();
        }
        byte[] name = ("\"" + m.group(2) + "\"").getBytes(StandardCharsets.UTF_8);
        byte[] plain = new byte[body.length - arn.length + name.length];
        System.arraycopy(body, 0, plain, 0, at);
        System.arraycopy(name, 0, plain, at, name.length);
        System.arraycopy(body, at + arn.length, plain, at + name.length, body.length - at - arn.length);
        return Optional.of(new TableArnName(m.group(1), plain));
    }

    private static int indexOf(byte[] in, byte[] what, int from) {
        outer:
        for (int i = from; i <= in.length - what.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (in[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
