package io.dynarocks.streams.operation;

import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.streams.Shard;
import io.dynarocks.streams.StreamDescriptor;
import io.dynarocks.streams.StreamRecord;
import io.dynarocks.streams.StreamRecordJson;
import io.dynarocks.streams.StreamStore;

/** GetRecords: up to Limit records from an iterator's position, and the iterator after them (none at a closed shard's end). */
public final class GetRecordsOperation implements Operation<GetRecordsRequest> {

    private final StreamStore store;

    public GetRecordsOperation(StreamStore store) {
        this.store = store;
    }

    @Override
    public Response execute(GetRecordsRequest request) {
        ShardIterator it = ShardIterator.decode(request.shardIterator());
        long now = store.nowMillis();
        if (now - it.issuedMillis() > ShardIterator.LIFETIME_MILLIS) {
            throw StreamErrors.expiredIterator(it.issuedMillis(), now);
        }
        StreamDescriptor d = store.stream(it.tableStorageId(), it.streamStart());
        Shard shard = d == null ? null : store.shard(d, new Shard(d, it.range(), it.generation()).shardId());
        if (shard == null) {
            throw DynamoException.resourceNotFound("Invalid ShardId in ShardIterator");
        }
        StreamStore.Page page;
        try {
            page = store.read(shard, it.position(), request.limit());
        } catch (StreamStore.TrimmedException e) {
            throw StreamErrors.trimmed();
        }
        String next = page.next() < 0 ? null : new ShardIterator(it.tableStorageId(), it.streamStart(), it.range(),
                it.generation(), page.next(), now).encode();
        return g -> {
            g.writeArrayFieldStart("Records");
            for (StreamRecord r : page.records()) {
                StreamRecordJson.write(g, r, store.region(), null);
            }
            g.writeEndArray();
            if (next != null) {
                g.writeStringField("NextShardIterator", next);
            }
        };
    }
}
