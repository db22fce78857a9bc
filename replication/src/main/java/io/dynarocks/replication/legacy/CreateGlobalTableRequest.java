package io.dynarocks.replication.legacy;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;

/** CreateGlobalTable's request: the table's name and the regions of its replication group. */
public record CreateGlobalTableRequest(String globalTableName, List<String> regions) {

    public static CreateGlobalTableRequest decode(byte[] body) {
        var f = new Object() {
            String name;
            List<String> regions;
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "GlobalTableName" -> f.name = r.readString();
                case "ReplicationGroup" -> f.regions = r.readList(CreateGlobalTableRequest::regionName);
                default -> r.skip();
            }
        });
        Constraints c = new Constraints().tableName(f.name, "globalTableName").notNull(f.regions, "replicationGroup");
        for (int i = 0; f.regions != null && i < f.regions.size(); i++) {
            c.notNull(f.regions.get(i), "replicationGroup." + (i + 1) + ".member.regionName");
        }
        c.check();
        if (new LinkedHashSet<>(f.regions).size() != f.regions.size()) {
            throw GlobalTableErrors.invalid("Duplicate RegionName in ReplicationGroup");
        }
        return new CreateGlobalTableRequest(f.name, List.copyOf(f.regions));
    }

    /** One {@code Replica} object: {@code {"RegionName": ...}}; null when it names none. */
    static String regionName(JsonReader r) throws IOException {
        String[] region = new String[1];
        r.readObject((n, in) -> {
            if (n.equals("RegionName")) {
                region[0] = in.readString();
            } else {
                in.skip();
            }
        });
        return region[0];
    }
}
