package io.dynarocks.streams.operation;

import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.streams.Shard;
import io.dynarocks.streams.StreamDescriptor;
import io.dynarocks.streams.StreamStore;
import java.util.ArrayList;
import java.util.List;

/** DescribeStream: the stream and its shards (lineage by ParentShardId), paginated or filtered to children. */
public final class DescribeStreamOperation implements Operation<DescribeStreamRequest> {

    private final StreamStore store;

    public DescribeStreamOperation(StreamStore store) {
        this.store = store;
    }

    @Override
    public Response execute(DescribeStreamRequest request) {
        StreamDescriptor d = StreamErrors.requireStream(store, request.streamArn());
        List<Shard> all = store.shards(d);
        if (request.childrenOf() != null && all.stream().noneMatch(s -> s.shardId().equals(request.childrenOf()))) {
            throw StreamErrors.shardNotFound(request.childrenOf());
        }
        List<Shard> selected = new ArrayList<>();
        boolean started = request.exclusiveStartShardId() == null;
        for (Shard s : all) {
            if (request.childrenOf() != null) {
                if (request.childrenOf().equals(s.parentShardId())) {
                    selected.add(s);
                }
            } else if (started) {
                selected.add(s);
            } else {
                started = s.shardId().equals(request.exclusiveStartShardId());
            }
        }
        List<Shard> page = selected.subList(0, Math.min(request.limit(), selected.size()));
        String last = selected.size() > page.size() ? page.get(page.size() - 1).shardId() : null;
        List<Boolean> closed = page.stream().map(store::closed).toList();
        return g -> {
            g.writeObjectFieldStart("StreamDescription");
            g.writeStringField("StreamArn", d.arn());
            g.writeStringField("StreamLabel", d.label());
            g.writeStringField("StreamStatus", d.enabled() ? "ENABLED" : "DISABLED");
            g.writeStringField("StreamViewType", d.viewType());
            g.writeNumberField("CreationRequestDateTime", d.startMillis() / 1000.0);
            g.writeStringField("TableName", d.tableName());
            g.writeArrayFieldStart("KeySchema");
            writeKey(g, d.hashKey(), "HASH");
            if (d.rangeKey() != null) {
                writeKey(g, d.rangeKey(), "RANGE");
            }
            g.writeEndArray();
            g.writeArrayFieldStart("Shards");
            for (int i = 0; i < page.size(); i++) {
                Shard s = page.get(i);
                g.writeStartObject();
                g.writeStringField("ShardId", s.shardId());
                g.writeObjectFieldStart("SequenceNumberRange");
                g.writeStringField("StartingSequenceNumber", Shard.formatSeq(s.firstSeq()));
                if (closed.get(i)) {
                    g.writeStringField("EndingSequenceNumber", Shard.formatSeq(s.lastSeq()));
                }
                g.writeEndObject();
                if (s.parentShardId() != null) {
                    g.writeStringField("ParentShardId", s.parentShardId());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            if (last != null) {
                g.writeStringField("LastEvaluatedShardId", last);
            }
            g.writeEndObject();
        };
    }

    private static void writeKey(com.fasterxml.jackson.core.JsonGenerator g, String name, String type)
            throws java.io.IOException {
        g.writeStartObject();
        g.writeStringField("AttributeName", name);
        g.writeStringField("KeyType", type);
        g.writeEndObject();
    }
}
