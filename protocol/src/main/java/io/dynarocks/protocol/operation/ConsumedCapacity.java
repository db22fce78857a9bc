package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;

/** Capacity units one request consumed on one table, reported when ReturnConsumedCapacity asks. */
public record ConsumedCapacity(String tableName, double capacityUnits, double readUnits, double writeUnits,
        boolean indexes) {

    public static ConsumedCapacity read(String table, double units, boolean indexes) {
        return new ConsumedCapacity(table, units, units, 0, indexes);
    }

    public static ConsumedCapacity write(String table, double units, boolean indexes) {
        return new ConsumedCapacity(table, units, 0, units, indexes);
    }

    /** Null unless {@code returnConsumedCapacity} is TOTAL or INDEXES. */
    public static boolean requested(String returnConsumedCapacity) {
        return "TOTAL".equals(returnConsumedCapacity) || "INDEXES".equals(returnConsumedCapacity);
    }

    /** Writes the {@code ConsumedCapacity} member of multi-table responses, unless {@code list} is null. */
    public static void writeList(JsonGenerator g, java.util.List<ConsumedCapacity> list) throws IOException {
        if (list == null) {
            return;
        }
        g.writeArrayFieldStart("ConsumedCapacity");
        for (ConsumedCapacity c : list) {
            c.writeTo(g);
        }
        g.writeEndArray();
    }

    public void writeTo(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("TableName", tableName);
        g.writeNumberField("CapacityUnits", capacityUnits);
        if (readUnits > 0) {
            g.writeNumberField("ReadCapacityUnits", readUnits);
        }
        if (writeUnits > 0) {
            g.writeNumberField("WriteCapacityUnits", writeUnits);
        }
        if (indexes) {
            g.writeObjectFieldStart("Table");
            g.writeNumberField("CapacityUnits", capacityUnits);
            if (readUnits > 0) {
                g.writeNumberField("ReadCapacityUnits", readUnits);
            }
            if (writeUnits > 0) {
                g.writeNumberField("WriteCapacityUnits", writeUnits);
            }
            g.writeEndObject();
        }
        g.writeEndObject();
    }
}
