package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import java.io.IOException;

/**
 * One member of UpdateTable's {@code ReplicaUpdates} (global tables version 2019.11.21): create,
 * update or delete the replica in {@code regionName}.
 */
public record ReplicaUpdate(Action action, String regionName, String tableClassOverride) {

    /** What the update does to the replica. */
    public enum Action { CREATE, UPDATE, DELETE }

    static ReplicaUpdate read(JsonReader r) throws IOException {
        var f = new Object() {
            Action action;
            String region;
            String tableClass;
            int actions;
        };
        r.readObject((name, in) -> {
            Action a = switch (name) {
                case "Create" -> Action.CREATE;
                case "Update" -> Action.UPDATE;
                case "Delete" -> Action.DELETE;
                default -> null;
            };
            if (a == null || in.isNull()) {
                in.skip();
                return;
            }
            f.action = a;
            f.actions++;
            in.readObject((member, v) -> {
                switch (member) {
                    case "RegionName" -> f.region = v.readString();
                    case "TableClassOverride" -> f.tableClass = v.readString();
                    default -> v.skip();
                }
            });
        });
        if (f.actions != 1) {
            throw DynamoException.validation("One or more parameter values were invalid: One of ReplicationGroupUpdate"
                    + ".Create, ReplicationGroupUpdate.Update, ReplicationGroupUpdate.Delete must be specified");
        }
        return new ReplicaUpdate(f.action, f.region, f.tableClass);
    }

    /** The member path DynamoDB names in constraint messages, e.g. {@code replicaUpdates.1.member.create}. */
    String path(int position) {
        return "replicaUpdates." + position + ".member." + action.name().toLowerCase(java.util.Locale.ROOT);
    }
}
