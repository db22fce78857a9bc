package io.dynarocks.replication.legacy;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.replication.Replication;
import io.dynarocks.replication.ReplicaSet;
import java.io.IOException;

/** A version 2017.11.29 global table's {@code GlobalTableDescription}, as its actions answer it. */
final class GlobalTableDescriptionJson {

    /** The account every ARN of this server names. */
    static final String ACCOUNT = "000000000000";

    private GlobalTableDescriptionJson() {}

    /** {@code {"GlobalTableDescription": {...}}} of {@code set}, with its status as this region sees it. */
    static Response response(Replication replication, ReplicaSet set) {
        String status = status(replication, set);
        return g -> {
            g.writeObjectFieldStart("GlobalTableDescription");
            write(g, set, status);
            g.writeEndObject();
        };
    }

    static void write(JsonGenerator g, ReplicaSet set, String status) throws IOException {
        g.writeArrayFieldStart("ReplicationGroup");
        for (String region : set.regions()) {
            g.writeStartObject();
            g.writeStringField("RegionName", region);
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeStringField("GlobalTableArn", "arn:aws:dynamodb::" + ACCOUNT + ":global-table/" + set.tableName());
        g.writeNumberField("CreationDateTime", set.creationMillis() / 1000.0);
        g.writeStringField("GlobalTableStatus", status);
        g.writeStringField("GlobalTableName", set.tableName());
    }

    /**
     * ACTIVE once this region has copied its items to every other replica; before that CREATING, or
     * UPDATING when some replicas were already complete (a region was added).
     */
    static String status(Replication replication, ReplicaSet set) {
        String local = replication.config().region();
        if (!set.contains(local)) {
            return "UPDATING";
        }
        int pending = 0;
        int complete = 0;
        for (String peer : set.peersOf(local)) {
            Replication.ReplicaState state = replication.state(set.tableName(), peer);
            if (state != null && state.backfilled()) {
                complete++;
            } else {
                pending++;
            }
        }
        return pending == 0 ? "ACTIVE" : complete == 0 ? "CREATING" : "UPDATING";
    }
}
