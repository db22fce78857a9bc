package io.dynarocks.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.TableArn;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The table ARNs a request names its tables by, where DynamoDB accepts an ARN for a name ("table name
 * overloading"): the top-level {@code TableName}, the keys of BatchGetItem's and BatchWriteItem's
 * {@code RequestItems} and the {@code TableName} of each {@code TransactItems} entry. Another account's table
 * must be named so. What comes out: the account that owns the named tables, the body with plain names (what
 * that account's database reads) and the response with the tables named back as the caller named them
 * ({@code Responses}, {@code UnprocessedKeys}, {@code UnprocessedItems}, {@code ItemCollectionMetrics} keyed by
 * the ARN, {@code ConsumedCapacity} naming it).
 */
final class TableArnNames {

    private static final byte[] MARK = "\"arn:aws:dynamodb:".getBytes(StandardCharsets.UTF_8);
    private static final Set<String> TRANSACT_ACTIONS = Set.of("Get", "Put", "Update", "Delete", "ConditionCheck");
    private static final Set<String> KEYED_BY_TABLE = Set.of("Responses", "UnprocessedKeys", "UnprocessedItems",
            "ItemCollectionMetrics");
    private static final JsonFactory JSON = new JsonFactory();

    /** One table reference: where its quoted text starts in the body, and the text. */
    private record Reference(int offset, String text) {}

    private final String accountId;
    private final byte[] body;
    private final Map<String, String> arnByName;

    private TableArnNames(String accountId, byte[] body, Map<String, String> arnByName) {
        this.accountId = accountId;
        this.body = body;
        this.arnByName = arnByName;
    }

    /**
     * The ARNs {@code body} names tables by, for a caller of account {@code callerAccount} (whose tables plain
     * names stand for); empty when it names none (or is not JSON, which its own decoding refuses). A request's
     * tables must all belong to one account, as DynamoDB asks of transactions: otherwise ValidationException.
     */
    static Optional<TableArnNames> of(byte[] body, String callerAccount) {
        if (indexOf(body, MARK) < 0) {
            return Optional.empty();
        }
        List<Reference> references = references(body);
        String owner = null;
        boolean plain = false;
        List<Reference> arns = new ArrayList<>();
        Map<String, String> arnByName = new HashMap<>();
        for (Reference r : references) {
            Optional<TableArn> arn = TableArn.parse(r.text());
            if (arn.isEmpty()) {
                plain = true;
                continue;
            }
            if (owner != null && !owner.equals(arn.get().accountId())) {
                throw acrossAccounts();
            }
            owner = arn.get().accountId();
            arns.add(r);
            arnByName.put(arn.get().tableName(), r.text());
        }
        if (owner == null) {
            return Optional.empty();
        }
        if (plain && !owner.equals(callerAccount)) {
            throw acrossAccounts();
        }
        return Optional.of(new TableArnNames(owner, plainNames(body, arns), arnByName));
    }

    private static DynamoException acrossAccounts() {
        return DynamoException.validation("The tables of a request must all belong to the same AWS account: "
                + "tables of different accounts cannot be named in one request");
    }

    /** The account that owns the tables. */
    String accountId() {
        return accountId;
    }

    /** The request body with plain table names. */
    byte[] body() {
        return body;
    }

    /** {@code response}, a successful answer to the request, with its tables named as the request named them. */
    byte[] responseNamed(byte[] response) {
        try (JsonParser p = JSON.createParser(response)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return response;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(response.length + 64 * arnByName.size());
            try (JsonGenerator g = JSON.createGenerator(out)) {
                g.writeStartObject();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    g.writeFieldName(field);
                    JsonToken value = p.nextToken();
                    if (KEYED_BY_TABLE.contains(field) && value == JsonToken.START_OBJECT) {
                        g.writeStartObject();
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            g.writeFieldName(named(p.currentName()));
                            p.nextToken();
                            g.copyCurrentStructure(p);
                        }
                        g.writeEndObject();
                    } else if (field.equals("ConsumedCapacity")) {
                        copyCapacity(p, g);
                    } else {
                        g.copyCurrentStructure(p);
                    }
                }
                g.writeEndObject();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("a response of the server is not JSON", e);
        }
    }

    /** ConsumedCapacity, one object or an array of them, with each TableName as the request named the table. */
    private void copyCapacity(JsonParser p, JsonGenerator g) throws IOException {
        if (p.currentToken() == JsonToken.START_ARRAY) {
            g.writeStartArray();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                copyCapacity(p, g);
            }
            g.writeEndArray();
        } else if (p.currentToken() == JsonToken.START_OBJECT) {
            g.writeStartObject();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                g.writeFieldName(field);
                if (p.nextToken() == JsonToken.VALUE_STRING && field.equals("TableName")) {
                    g.writeString(named(p.getText()));
                } else {
                    g.copyCurrentStructure(p);
                }
            }
            g.writeEndObject();
        } else {
            g.copyCurrentStructure(p);
        }
    }

    private String named(String table) {
        return arnByName.getOrDefault(table, table);
    }

    /** Where the body names tables; none when it is not the JSON object a request is. */
    private static List<Reference> references(byte[] body) {
        List<Reference> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return List.of();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("TableName") && value == JsonToken.VALUE_STRING) {
                    out.add(reference(p));
                } else if (field.equals("RequestItems") && value == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        out.add(reference(p));
                        p.nextToken();
                        p.skipChildren();
                    }
                } else if (field.equals("TransactItems") && value == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        transactItem(p, out);
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
        return out;
    }

    /** The table of one TransactItems entry ({@code {"Put": {"TableName": ...}}}); the parser is on its start. */
    private static void transactItem(JsonParser p, List<Reference> out) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String action = p.currentName();
            if (p.nextToken() != JsonToken.START_OBJECT || !TRANSACT_ACTIONS.contains(action)) {
                p.skipChildren();
                continue;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                if (p.nextToken() == JsonToken.VALUE_STRING && field.equals("TableName")) {
                    out.add(reference(p));
                } else {
                    p.skipChildren();
                }
            }
        }
    }

    private static Reference reference(JsonParser p) throws IOException {
        String text = p.currentToken() == JsonToken.FIELD_NAME ? p.currentName() : p.getText();
        return new Reference((int) p.currentTokenLocation().getByteOffset(), text);
    }

    /**
     * The body with each ARN replaced by its table's name. An ARN written with escapes is left as it is, for the
     * request's own validation to refuse.
     */
    private static byte[] plainNames(byte[] body, List<Reference> arns) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length);
        int copied = 0;
        for (Reference r : arns) {
            byte[] quoted = ("\"" + r.text() + "\"").getBytes(StandardCharsets.UTF_8);
            if (!startsWith(body, r.offset(), quoted)) {
                continue;
            }
            String name = TableArn.parse(r.text()).orElseThrow().tableName();
            out.write(body, copied, r.offset() - copied);
            out.writeBytes(("\"" + name + "\"").getBytes(StandardCharsets.UTF_8));
            copied = r.offset() + quoted.length;
        }
        out.write(body, copied, body.length - copied);
        return out.toByteArray();
    }

    private static boolean startsWith(byte[] in, int at, byte[] what) {
        if (at < 0 || at + what.length > in.length) {
            return false;
        }
        for (int i = 0; i < what.length; i++) {
            if (in[at + i] != what[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] in, byte[] what) {
        outer:
        for (int i = 0; i <= in.length - what.length; i++) {
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
