package io.dynarocks.protocol.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;

/**
 * Capacity units one request consumed on one table, reported when ReturnConsumedCapacity asks; with
 * INDEXES also split into the table's own share and each secondary index's share, and the bytes written
 * to each vector index ({@code vectorWrites}, DynamoDB's VectorWriteRequestBytes, a unit of its own that
 * is not part of the capacity units).
 */
public record ConsumedCapacity(String tableName, double capacityUnits, double readUnits, double writeUnits,
        boolean indexes, Units table, Map<String, Units> globalIndexes, Map<String, Units> localIndexes,
        Map<String, Double> vectorWrites) {

    /** Units consumed on the table itself or on one index. */
    public record Units(double capacityUnits, double readUnits, double writeUnits) {
        Units plus(Units o) {
            return new Units(capacityUnits + o.capacityUnits, readUnits + o.readUnits, writeUnits + o.writeUnits);
        }

        static Units of(double units, boolean write) {
            return new Units(units, write ? 0 : units, write ? units : 0);
        }
    }

    public ConsumedCapacity {
        globalIndexes = globalIndexes == null ? Map.of() : Map.copyOf(globalIndexes);
        localIndexes = localIndexes == null ? Map.of() : Map.copyOf(localIndexes);
        vectorWrites = vectorWrites == null ? Map.of() : Map.copyOf(vectorWrites);
    }

    public ConsumedCapacity(String tableName, double capacityUnits, double readUnits, double writeUnits,
            boolean indexes, Units table, Map<String, Units> globalIndexes, Map<String, Units> localIndexes) {
        this(tableName, capacityUnits, readUnits, writeUnits, indexes, table, globalIndexes, localIndexes, null);
    }

    /** This charge with the bytes a write replicated to each vector index (index name to bytes). */
    public ConsumedCapacity withVectorWrites(Map<String, Double> bytes) {
        return new ConsumedCapacity(tableName, capacityUnits, readUnits, writeUnits, indexes, table, globalIndexes,
                localIndexes, bytes);
    }

    /** Capacity consumed on the table alone. */
    public ConsumedCapacity(String tableName, double capacityUnits, double readUnits, double writeUnits,
            boolean indexes) {
        this(tableName, capacityUnits, readUnits, writeUnits, indexes,
                new Units(capacityUnits, readUnits, writeUnits), null, null);
    }

    public static ConsumedCapacity read(String table, double units, boolean indexes) {
        return new ConsumedCapacity(table, units, units, 0, indexes);
    }

    public static ConsumedCapacity write(String table, double units, boolean indexes) {
        return new ConsumedCapacity(table, units, 0, units, indexes);
    }

    /**
     * Capacity split between the table and its indexes (index name to units); the total is their sum.
     * {@code write} says whether these are write or read units.
     */
    public static ConsumedCapacity split(String table, boolean write, boolean indexes, double tableUnits,
            Map<String, Double> globalIndexes, Map<String, Double> localIndexes) {
        double total = tableUnits;
        java.util.LinkedHashMap<String, Units> gsis = new java.util.LinkedHashMap<>();
        java.util.LinkedHashMap<String, Units> lsis = new java.util.LinkedHashMap<>();
        for (Map.Entry<String, Double> e : globalIndexes.entrySet()) {
            total += e.getValue();
            gsis.put(e.getKey(), Units.of(e.getValue(), write));
        }
        for (Map.Entry<String, Double> e : localIndexes.entrySet()) {
            total += e.getValue();
            lsis.put(e.getKey(), Units.of(e.getValue(), write));
        }
        Units all = Units.of(total, write);
        return new ConsumedCapacity(table, total, all.readUnits(), all.writeUnits(), indexes,
                Units.of(tableUnits, write), gsis, lsis);
    }

    /** The sum of two charges on the same table (a batch's per-item charges). */
    public ConsumedCapacity plus(ConsumedCapacity o) {
        java.util.Map<String, Units> gsis = new java.util.LinkedHashMap<>(globalIndexes);
        o.globalIndexes.forEach((k, v) -> gsis.merge(k, v, Units::plus));
        java.util.Map<String, Units> lsis = new java.util.LinkedHashMap<>(localIndexes);
        o.localIndexes.forEach((k, v) -> lsis.merge(k, v, Units::plus));
        java.util.Map<String, Double> vectors = new java.util.LinkedHashMap<>(vectorWrites);
        o.vectorWrites.forEach((k, v) -> vectors.merge(k, v, Double::sum));
        return new ConsumedCapacity(tableName, capacityUnits + o.capacityUnits, readUnits + o.readUnits,
                writeUnits + o.writeUnits, indexes, table.plus(o.table), gsis, lsis, vectors);
    }

    /**
     * This charge as the response reports it: null unless {@code returnConsumedCapacity} is TOTAL or INDEXES,
     * with the per-index split only for INDEXES (a charge metered in full, reported as the caller asked).
     */
    public ConsumedCapacity reportedAs(String returnConsumedCapacity) {
        if (!requested(returnConsumedCapacity)) {
            return null;
        }
        boolean split = "INDEXES".equals(returnConsumedCapacity);
        return split == indexes ? this : new ConsumedCapacity(tableName, capacityUnits, readUnits, writeUnits, split,
                table, globalIndexes, localIndexes, vectorWrites);
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
        writeUnits(g, new Units(capacityUnits, readUnits, writeUnits));
        if (indexes) {
            g.writeObjectFieldStart("Table");
            writeUnits(g, table);
            g.writeEndObject();
            writeIndexes(g, "GlobalSecondaryIndexes", globalIndexes);
            writeIndexes(g, "LocalSecondaryIndexes", localIndexes);
            writeVectorWrites(g);
        }
        g.writeEndObject();
    }

    // DynamoDB reports vector index writes under INDEXES only, and only for the indexes a write changed.
    private void writeVectorWrites(JsonGenerator g) throws IOException {
        if (vectorWrites.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart("VectorIndexes");
        for (Map.Entry<String, Double> e : new java.util.TreeMap<>(vectorWrites).entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            g.writeNumberField("VectorWriteRequestBytes", e.getValue());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeIndexes(JsonGenerator g, String member, Map<String, Units> units) throws IOException {
        if (units.isEmpty()) {
            return;
        }
        g.writeObjectFieldStart(member);
        for (Map.Entry<String, Units> e : new java.util.TreeMap<>(units).entrySet()) {
            g.writeObjectFieldStart(e.getKey());
            writeUnits(g, e.getValue());
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    private static void writeUnits(JsonGenerator g, Units u) throws IOException {
        g.writeNumberField("CapacityUnits", u.capacityUnits());
        if (u.readUnits() > 0) {
            g.writeNumberField("ReadCapacityUnits", u.readUnits());
        }
        if (u.writeUnits() > 0) {
            g.writeNumberField("WriteCapacityUnits", u.writeUnits());
        }
    }
}
