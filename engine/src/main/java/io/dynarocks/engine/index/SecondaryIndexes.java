package io.dynarocks.engine.index;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.IndexProjection;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.operation.CreateTableRequest;
import io.dynarocks.protocol.operation.SecondaryIndexSpec;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.WriteBatch;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

/**
 * Turns declared indexes into catalog definitions and hands out index ids: a persisted counter per
 * table, so an id is never reused within a table (a deleted index's leftovers can't leak into a new one).
 */
public final class SecondaryIndexes {

    private static final byte[] NEXT_ID_PREFIX = "M:nextIndexId:".getBytes(StandardCharsets.UTF_8);

    private SecondaryIndexes() {}

    /** CreateTable's indexes, ACTIVE at once, with ids 1..n; records the next id in {@code batch}. */
    public static List<IndexDefinition> define(CreateTableRequest request, int storageId, WriteBatch batch) {
        List<IndexDefinition> out = new ArrayList<>();
        short next = 1;
        if (request.localSecondaryIndexes() != null) {
            for (SecondaryIndexSpec s : request.localSecondaryIndexes()) {
                out.add(definition(s, false, next++, request.attributeDefinitions(), "ACTIVE", false));
            }
        }
        if (request.globalSecondaryIndexes() != null) {
            for (SecondaryIndexSpec s : request.globalSecondaryIndexes()) {
                checkThroughput(s, request.effectiveBillingMode());
                out.add(definition(s, true, next++, request.attributeDefinitions(), "ACTIVE", false));
            }
        }
        batch.put(nextIdKey(storageId), ByteBuffer.allocate(2).putShort(next).array());
        return out;
    }

    /** A definition for an index declared by {@code spec} (already checked). */
    public static IndexDefinition definition(SecondaryIndexSpec spec, boolean global, short id,
            List<AttributeDefinition> defs, String status, boolean backfilling) {
        KeySchema schema = CreateTableRequest.keySchemaOf(spec.keySchema(), defs);
        IndexProjection p = spec.projection();
        IndexProjection projection = new IndexProjection(p.projectionType(),
                p.nonKeyAttributes() == null ? null : List.copyOf(new java.util.LinkedHashSet<>(p.nonKeyAttributes())));
        return new IndexDefinition(spec.indexName(), global, id, schema, projection,
                global ? spec.provisionedThroughput() : null, status, backfilling,
                global ? spec.onDemandThroughput() : null);
    }

    /** DynamoDB requires throughput for each GSI of a provisioned table, and none on demand. */
    public static void checkThroughput(SecondaryIndexSpec s, String billingMode) {
        if ("PROVISIONED".equals(billingMode) && s.provisionedThroughput() == null) {
            throw DynamoException.validation("One or more parameter values were invalid: ProvisionedThroughput "
                    + "must be specified for index: " + s.indexName());
        }
        if ("PAY_PER_REQUEST".equals(billingMode) && s.provisionedThroughput() != null) {
            throw DynamoException.validation("One or more parameter values were invalid: ProvisionedThroughput "
                    + "should not be specified for index: " + s.indexName() + " when BillingMode is PAY_PER_REQUEST");
        }
    }

    /** The next index id of a table, recorded as used in {@code batch}. */
    public static short allocate(Storage storage, int storageId, List<IndexDefinition> existing, WriteBatch batch) {
        byte[] stored = storage.get(nextIdKey(storageId));
        short next = stored == null ? 1 : ByteBuffer.wrap(stored).getShort();
        for (IndexDefinition i : existing) {
            next = (short) Math.max(next, i.indexId() + 1);
        }
        batch.put(nextIdKey(storageId), ByteBuffer.allocate(2).putShort((short) (next + 1)).array());
        return next;
    }

    /** The names of a table's indexes, for duplicate checks. */
    public static java.util.Set<String> names(List<IndexDefinition> indexes) {
        java.util.Set<String> names = new HashSet<>();
        indexes.forEach(i -> names.add(i.indexName()));
        return names;
    }

    private static byte[] nextIdKey(int storageId) {
        return ByteBuffer.allocate(NEXT_ID_PREFIX.length + 4).put(NEXT_ID_PREFIX).putInt(storageId).array();
    }
}
