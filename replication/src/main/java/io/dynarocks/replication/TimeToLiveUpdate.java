package io.dynarocks.replication;

import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.engine.operation.Operation;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.model.TtlSettings;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.protocol.operation.UpdateTimeToLiveRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UpdateTimeToLive on a replica of a global table (version 2019.11.21): DynamoDB keeps the TTL setting the
 * same on every replica, whichever region it was changed in. The change applies here first (so DynamoDB's
 * refusals come from this region, and nothing else changed), then in each other region through the internal
 * {@code UpdateReplicaTimeToLive}. A new replica gets the table's setting when it joins.
 */
final class TimeToLiveUpdate {

    private static final Logger LOG = LoggerFactory.getLogger(TimeToLiveUpdate.class);
    static final String ACTION = "UpdateReplicaTimeToLive";

    private final Replication replication;
    private final Operation<UpdateTimeToLiveRequest> local;

    TimeToLiveUpdate(Replication replication, OperationRegistry registry) {
        this.replication = replication;
        this.local = registry.operation("UpdateTimeToLive");
    }

    Response execute(UpdateTimeToLiveRequest request) {
        Response response = local.execute(request);
        ReplicaSet set = replication.set(request.tableName());
        if (set != null && ReplicaSet.CURRENT.equals(set.version())) {
            for (String peer : set.peersOf(replication.config().region())) {
                send(peer, request);
            }
        }
        return response;
    }

    /** Gives the replica in {@code region} the TTL setting of this region's {@code table}, if it has one. */
    void share(TableDefinition table, String region) {
        TtlSettings ttl = table.ttl();
        if (ttl != null && ttl.enabled()) {
            send(region, new UpdateTimeToLiveRequest(table.tableName(), ttl.attributeName(), true));
        }
    }

    /**
     * The internal action: this region's part of a change made in another. A setting this replica already has
     * is no change (the regions may cross each other's updates).
     */
    Response applyHere(UpdateTimeToLiveRequest request) {
        if (replication.set(request.tableName()) == null) {
            throw DynamoException.resourceNotFound("Table " + request.tableName() + " is not a replica of a global "
                    + "table in region " + replication.config().region());
        }
        TableDefinition table = replication.engine().catalog().require(request.tableName());
        TtlSettings current = table.ttl();
        boolean enabled = current != null && current.enabled();
        if (enabled == request.enabled() && (!enabled || current.attributeName().equals(request.attributeName()))) {
            return g -> { };
        }
        if (enabled && request.enabled()) {
            local.execute(new UpdateTimeToLiveRequest(request.tableName(), current.attributeName(), false));
        }
        local.execute(request);
        return g -> { };
    }

    /** A region that cannot take the change now is told in the log: the change stands where it was made. */
    private void send(String region, UpdateTimeToLiveRequest request) {
        byte[] body = JsonWriter.object(g -> {
            g.writeStringField("TableName", request.tableName());
            g.writeObjectFieldStart("TimeToLiveSpecification");
            g.writeStringField("AttributeName", request.attributeName());
            g.writeBooleanField("Enabled", request.enabled());
            g.writeEndObject();
        });
        try {
            replication.call(region, ACTION, body);
        } catch (DynamoException e) {
            LOG.warn("time to live of {} not changed in region {}: {}", request.tableName(), region, e.getMessage());
        }
    }
}
