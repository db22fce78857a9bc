package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;

/** UpdateTimeToLive's request: the table and its TimeToLiveSpecification. */
public record UpdateTimeToLiveRequest(String tableName, String attributeName, boolean enabled) {

    private static final int MAX_ATTRIBUTE_NAME_LENGTH = 255;

    public static UpdateTimeToLiveRequest decode(byte[] body) {
        var f = new Object() {
            String table;
            boolean specification;
            String attributeName;
            Boolean enabled;
        };
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "TableName" -> f.table = r.readString();
                case "TimeToLiveSpecification" -> {
                    f.specification = !r.isNull();
                    r.readObject((member, v) -> {
                        switch (member) {
                            case "AttributeName" -> f.attributeName = v.readString();
                            case "Enabled" -> f.enabled = v.readBoolean();
                            default -> v.skip();
                        }
                    });
                }
                default -> r.skip();
            }
        });
        Constraints c = new Constraints().tableName(f.table, "tableName");
        if (!f.specification) {
            c.notNull(null, "timeToLiveSpecification");
        } else {
            c.notNull(f.enabled, "timeToLiveSpecification.enabled");
            c.notNull(f.attributeName, "timeToLiveSpecification.attributeName");
            if (f.attributeName != null && f.attributeName.length() > MAX_ATTRIBUTE_NAME_LENGTH) {
                c.fail(f.attributeName, "timeToLiveSpecification.attributeName",
                        "Member must have length less than or equal to " + MAX_ATTRIBUTE_NAME_LENGTH);
            }
        }
        c.check();
        if (f.attributeName.isEmpty()) {
            throw DynamoException.validation("TimeToLiveSpecification.AttributeName must be non empty");
        }
        return new UpdateTimeToLiveRequest(f.table, f.attributeName, f.enabled);
    }
}
