package io.dynarocks.replication.legacy;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;
import java.io.IOException;
import java.util.List;

/** UpdateGlobalTable's request: regions to add to or remove from a global table's replication group. */
public record UpdateGlobalTableRequest(String globalTableName, List<Change> changes) {

    /** One ReplicaUpdate: {@code create} a replica in {@code region}, or delete it. */
    public record Change(boolean create, String region) {}

    public static UpdateGlobalTableRequest decode(byte[] body) {
        var f = new Object() {
            String name;
            List<Change> changes;
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "GlobalTableName" -> f.name = r.readString();
                case "ReplicaUpdates" -> f.changes = r.readList(UpdateGlobalTableRequest::change);
                default -> r.skip();
            }
        });
        Constraints c = new Constraints().tableName(f.name, "globalTableName").notNull(f.changes, "replicaUpdates");
        for (int i = 0; f.changes != null && i < f.changes.size(); i++) {
            Change change = f.changes.get(i);
            if (change != null && change.region() == null) {
                c.notNull(null, "replicaUpdates." + (i + 1) + ".member." + (change.create() ? "create" : "delete")
                        + ".regionName");
            }
        }
        c.check();
        // DynamoDB names no detail for an empty list, nor for an update that says neither Create nor Delete.
        if (f.changes.isEmpty() || f.changes.contains(null)) {
            throw DynamoException.validation("One or more parameter values were invalid");
        }
        return new UpdateGlobalTableRequest(f.name, List.copyOf(f.changes));
    }

    private static Change change(JsonReader r) throws IOException {
        var f = new Object() {
            Boolean create;
            String region;
            int actions;
        };
        r.readObject((n, in) -> {
            if ((n.equals("Create") || n.equals("Delete")) && !in.isNull()) {
                f.create = n.equals("Create");
                f.actions++;
                f.region = CreateGlobalTableRequest.regionName(in);
            } else {
                in.skip();
            }
        });
        if (f.actions > 1) {
            throw GlobalTableErrors.invalid("Only one of Create or Delete can be specified in a ReplicaUpdate");
        }
        return f.create == null ? null : new Change(f.create, f.region);
    }
}
