package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * TransactWriteItems' request. {@code digest} is the SHA-256 of the request body: a repeat with the
 * same ClientRequestToken must carry identical parameters, and SDK retries resend identical bytes.
 */
public record TransactWriteItemsRequest(
        List<TransactWriteItem> transactItems,
        String clientRequestToken,
        String returnConsumedCapacity,
        byte[] digest,
        boolean returnItemCollectionMetrics) {

    /** DynamoDB's limit on the actions of one transaction. */
    public static final int MAX_ACTIONS = 100;

    public static TransactWriteItemsRequest decode(byte[] body) {
        Constraints c = new Constraints();
        List<TransactWriteItem> items = new ArrayList<>();
        boolean[] present = {false};
        String[] token = new String[1];
        String[] capacity = new String[1];
        String[] metrics = new String[1];
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "TransactItems" -> {
                    List<Boolean> read = r.readList(e -> items.add(TransactWriteItem.read(e, items.size() + 1, c)));
                    present[0] = read != null;
                }
                case "ClientRequestToken" -> token[0] = r.readString();
                case "ReturnConsumedCapacity" -> capacity[0] = r.readString();
                case "ReturnItemCollectionMetrics" -> metrics[0] = r.readString();
                default -> r.skip();
            }
        });
        c.notNull(present[0] ? items : null, "transactItems");
        c.size(present[0] ? items : null, 1, MAX_ACTIONS, "transactItems");
        c.length(token[0], 1, 36, "clientRequestToken");
        c.oneOf(capacity[0], "returnConsumedCapacity", "INDEXES", "TOTAL", "NONE");
        c.oneOf(metrics[0], "returnItemCollectionMetrics", "SIZE", "NONE");
        c.check();
        return new TransactWriteItemsRequest(List.copyOf(items), token[0], capacity[0], sha256(body),
                "SIZE".equals(metrics[0]));
    }

    static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
