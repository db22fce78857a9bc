package io.dynarocks.protocol.model;

/**
 * A secondary index of a table. {@code indexId} names its key space (the base table is 0);
 * {@code status} is CREATING, ACTIVE, UPDATING or DELETING as DescribeTable reports it.
 */
public record IndexDefinition(
        String indexName,
        boolean global,
        short indexId,
        KeySchema keySchema,
        IndexProjection projection,
        ProvisionedThroughput provisionedThroughput,
        String status,
        boolean backfilling) {

    public IndexDefinition withStatus(String newStatus, boolean nowBackfilling) {
        return new IndexDefinition(indexName, global, indexId, keySchema, projection, provisionedThroughput,
                newStatus, nowBackfilling);
    }
}
