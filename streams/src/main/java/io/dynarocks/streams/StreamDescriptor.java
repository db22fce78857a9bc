package io.dynarocks.streams;

import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.TableDefinition;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One stream of one table, persisted under {@link StreamKeys#descriptor}: what DescribeStream reports
 * and what fixes its shard layout ({@code periodMillis}, {@code ranges}) for its whole life, even if
 * the server is restarted with another rollover period. {@code endMillis} is 0 while enabled.
 */
public record StreamDescriptor(String tableName, int tableStorageId, String tableArn, String label,
        String viewType, String hashKey, String rangeKey, long startMillis, long endMillis, long periodMillis,
        int ranges) {

    /** The stream a table's current (enabled) settings describe. */
    static StreamDescriptor of(TableDefinition t, long periodMillis, int ranges) {
        long start = LocalDateTime.parse(t.stream().label()).toInstant(ZoneOffset.UTC).toEpochMilli();
        return new StreamDescriptor(t.tableName(), t.storageId(), t.tableArn(), t.stream().label(),
                t.stream().viewType(), t.keySchema().hashName(), t.keySchema().rangeName(), start, 0, periodMillis,
                ranges);
    }

    public String arn() {
        return tableArn + "/stream/" + label;
    }

    public boolean enabled() {
        return endMillis == 0;
    }

    StreamDescriptor endedAt(long millis) {
        return new StreamDescriptor(tableName, tableStorageId, tableArn, label, viewType, hashKey, rangeKey,
                startMillis, millis, periodMillis, ranges);
    }

    byte[] toBytes() {
        return JsonWriter.object(g -> {
            g.writeStringField("TableName", tableName);
            g.writeNumberField("TableStorageId", tableStorageId);
            g.writeStringField("TableArn", tableArn);
            g.writeStringField("Label", label);
            g.writeStringField("ViewType", viewType);
            g.writeStringField("HashKey", hashKey);
            if (rangeKey != null) {
                g.writeStringField("RangeKey", rangeKey);
            }
            g.writeNumberField("Start", startMillis);
            g.writeNumberField("End", endMillis);
            g.writeNumberField("Period", periodMillis);
            g.writeNumberField("Ranges", ranges);
        });
    }

    static StreamDescriptor fromBytes(byte[] bytes) {
        var f = new Object() {
            String table;
            String arn;
            String label;
            String view;
            String hash;
            String range;
            long id;
            long start;
            long end;
            long period;
            long ranges;
        };
        JsonReader.readBody(bytes, (n, r) -> {
            switch (n) {
                case "TableName" -> f.table = r.readString();
                case "TableStorageId" -> f.id = r.readLong();
                case "TableArn" -> f.arn = r.readString();
                case "Label" -> f.label = r.readString();
                case "ViewType" -> f.view = r.readString();
                case "HashKey" -> f.hash = r.readString();
                case "RangeKey" -> f.range = r.readString();
                case "Start" -> f.start = r.readLong();
                case "End" -> f.end = r.readLong();
                case "Period" -> f.period = r.readLong();
                case "Ranges" -> f.ranges = r.readLong();
                default -> r.skip();
            }
        });
        return new StreamDescriptor(f.table, (int) f.id, f.arn, f.label, f.view, f.hash, f.range, f.start, f.end,
                f.period, (int) f.ranges);
    }
}
