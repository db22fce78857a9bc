package io.dynarocks.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.json.AttributeValueJson;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Why one action of a transaction was cancelled ({@code None} when it was not the cause), as
 * TransactionCanceledException's {@code CancellationReasons} reports it.
 */
public record CancellationReason(String code, String message, Map<String, AttributeValue> item) {

    public static final CancellationReason NONE = new CancellationReason("None", null, null);

    /** A failed condition; {@code item} is the old item when ReturnValuesOnConditionCheckFailure=ALL_OLD. */
    public static CancellationReason conditionalCheckFailed(Map<String, AttributeValue> item) {
        return new CancellationReason("ConditionalCheckFailed", "The conditional request failed",
                item == null || item.isEmpty() ? null : item);
    }

    public static CancellationReason transactionConflict() {
        return new CancellationReason("TransactionConflict", "Transaction is ongoing for the item", null);
    }

    public static CancellationReason validationError(String message) {
        return new CancellationReason("ValidationError", message, null);
    }

    /** A PartiQL INSERT of an item that exists. */
    public static CancellationReason duplicateItem() {
        return new CancellationReason("DuplicateItem", DynamoException.DUPLICATE_ITEM, null);
    }

    public boolean isNone() {
        return "None".equals(code);
    }

    /** Writes the {@code CancellationReasons} member. */
    static void write(JsonGenerator g, List<CancellationReason> reasons) throws IOException {
        g.writeArrayFieldStart("CancellationReasons");
        for (CancellationReason r : reasons) {
            g.writeStartObject();
            if (r.item != null) {
                g.writeFieldName("Item");
                AttributeValueJson.writeItem(g, r.item);
            }
            g.writeStringField("Code", r.code);
            if (r.message != null) {
                g.writeStringField("Message", r.message);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }
}
