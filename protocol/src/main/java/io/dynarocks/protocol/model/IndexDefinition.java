package io.dynarocks.protocol.model;

/**
 * A secondary index of a table. {@code indexId} names its key space (the base table is 0);
 * {@code status} is CREATING, ACTIVE, UPDATING or DELETING as DescribeTable reports it; {@code onDemandThroughput}
 * is null without maximums; {@code throughputChanges} is when its provisioned throughput last went up and down.
 */
public record IndexDefinition(
        String indexName,
        boolean global,
        short indexId,
        KeySchema keySchema,
        IndexProjection projection,
        ProvisionedThroughput provisionedThroughput,
        String status,
        boolean backfilling,
        OnDemandThroughput onDemandThroughput,
        ThroughputChanges throughputChanges) {

    public IndexDefinition {
        throughputChanges = throughputChanges == null ? ThroughputChanges.NONE : throughputChanges;
    }

    /** An index whose provisioned throughput never changed. */
    public IndexDefinition(String indexName, boolean global, short indexId, KeySchema keySchema,
            IndexProjection projection, ProvisionedThroughput provisionedThroughput, String status,
            boolean backfilling, OnDemandThroughput onDemandThroughput) {
        this(indexName, global, indexId, keySchema, projection, provisionedThroughput, status, backfilling,
                onDemandThroughput, ThroughputChanges.NONE);
    }

    /** An index without on-demand maximums. */
    public IndexDefinition(String indexName, boolean global, short indexId, KeySchema keySchema,
            IndexProjection projection, ProvisionedThroughput provisionedThroughput, String status,
            boolean backfilling) {
        this(indexName, global, indexId, keySchema, projection, provisionedThroughput, status, backfilling, null);
    }

    public IndexDefinition withStatus(String newStatus, boolean nowBackfilling) {
        return new IndexDefinition(indexName, global, indexId, keySchema, projection, provisionedThroughput,
                newStatus, nowBackfilling, onDemandThroughput, throughputChanges);
    }

    /** This index with {@code throughput} provisioned and {@code maximums} on demand (null for none). */
    public IndexDefinition withThroughput(ProvisionedThroughput throughput, OnDemandThroughput maximums) {
        return new IndexDefinition(indexName, global, indexId, keySchema, projection, throughput, status,
                backfilling, maximums, throughputChanges);
    }

    /** This index with its provisioned throughput's history {@code changes}. */
    public IndexDefinition withThroughputChanges(ThroughputChanges changes) {
        return new IndexDefinition(indexName, global, indexId, keySchema, projection, provisionedThroughput, status,
                backfilling, onDemandThroughput, changes);
    }
}
