package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.AttributeValue;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * ExecuteTransaction's response: for a transaction of reads one entry per statement ({@code {}} where the
 * item is absent); for one of writes an empty list, as DynamoDB answers.
 */
public record ExecuteTransactionResponse(List<Map<String, AttributeValue>> items, List<ConsumedCapacity> consumedCapacity)
        implements Response {

    @Override
    public void write(JsonGenerator g) throws IOException {
        // The same shape as TransactGetItems' answer.
        new TransactGetItemsResponse(items, consumedCapacity).write(g);
    }
}
