package io.dynarocks.streams.operation;

import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.streams.Shard;
import io.dynarocks.streams.StreamDescriptor;
import io.dynarocks.streams.StreamStore;

/** GetShardIterator: a position in a shard (TRIM_HORIZON, LATEST, AT_/AFTER_SEQUENCE_NUMBER). */
public final class GetShardIteratorOperation implements Operation<GetShardIteratorRequest> {

    private final StreamStore store;

    public GetShardIteratorOperation(StreamStore store) {
        this.store = store;
    }

    @Override
    public Response execute(GetShardIteratorRequest request) {
        StreamDescriptor d = StreamErrors.requireStream(store, request.streamArn());
        Shard shard = store.shard(d, request.shardId());
        if (shard == null) {
            throw StreamErrors.shardNotFound(request.shardId());
        }
        long position = switch (request.type()) {
            case "TRIM_HORIZON" -> store.trimHorizon(shard);
            case "LATEST" -> store.latest(shard);
            default -> sequencePosition(request, shard);
        };
        String iterator = new ShardIterator(d.tableStorageId(), d.startMillis(), shard.range(), shard.generation(),
                position, store.nowMillis()).encode();
        return g -> g.writeStringField("ShardIterator", iterator);
    }

    private long sequencePosition(GetShardIteratorRequest request, Shard shard) {
        long seq = Shard.parseSeq(request.sequenceNumber());
        if (!shard.contains(seq)) {
            throw DynamoException.validation("Invalid SequenceNumber " + request.sequenceNumber()
                    + " for shard " + shard.shardId());
        }
        // A position before the shard's first record (its StartingSequenceNumber, say) is not trimmed.
        if (store.trimmedAt(shard, seq)) {
            throw StreamErrors.trimmed();
        }
        return request.type().equals("AT_SEQUENCE_NUMBER") ? seq : seq + 1;
    }
}
