package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/** TransactWriteItems' response: capacity per table when ReturnConsumedCapacity asks, else empty. */
public record TransactWriteItemsResponse(List<ConsumedCapacity> consumedCapacity) implements Response {

    @Override
    public void write(JsonGenerator g) throws IOException {
        ConsumedCapacity.writeList(g, consumedCapacity);
    }
}
