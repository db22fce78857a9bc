package io.dynarocks.streams.operation;

import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.streams.StreamDescriptor;
import io.dynarocks.streams.StreamStore;
import java.util.List;

/** ListStreams: the readable streams, optionally of one table, by ARN, paginated. */
public final class ListStreamsOperation implements Operation<ListStreamsRequest> {

    private final StreamStore store;

    public ListStreamsOperation(StreamStore store) {
        this.store = store;
    }

    @Override
    public Response execute(ListStreamsRequest request) {
        String start = request.exclusiveStartStreamArn();
        if (start != null && !StreamErrors.isStreamArn(start)) {
            throw DynamoException.validation("Invalid ExclusiveStartStreamArn");
        }
        if (start != null && store.find(start) == null) {
            throw StreamErrors.streamNotFound(start);
        }
        List<StreamDescriptor> matching = store.streams().stream()
                .filter(d -> request.tableName() == null || d.tableName().equals(request.tableName()))
                .filter(d -> request.exclusiveStartStreamArn() == null
                        || d.arn().compareTo(request.exclusiveStartStreamArn()) > 0)
                .toList();
        List<StreamDescriptor> page = matching.subList(0, Math.min(request.limit(), matching.size()));
        String last = matching.size() > page.size() ? page.get(page.size() - 1).arn() : null;
        return g -> {
            g.writeArrayFieldStart("Streams");
            for (StreamDescriptor d : page) {
                g.writeStartObject();
                g.writeStringField("StreamArn", d.arn());
                g.writeStringField("TableName", d.tableName());
                g.writeStringField("StreamLabel", d.label());
                g.writeEndObject();
            }
            g.writeEndArray();
            if (last != null) {
                g.writeStringField("LastEvaluatedStreamArn", last);
            }
        };
    }
}
