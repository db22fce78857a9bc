package io.dynarocks.protocol.model;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a table is, as DescribeTable reports it apart from its live counts: also the catalog's
 * persistent record. {@code storageId} is the internal key-space id (never reused).
 * {@code stream} and {@code ttl} are null until first configured. While
 * {@code deletionProtectionEnabled}, DeleteTable is refused. {@code kmsMasterKeyArn} is the KMS key the
 * table is encrypted under (SSEDescription), null for the AWS owned key (not reported, as in DynamoDB).
 * {@code onDemandThroughput} is null without maximums; {@code throughputChanges} is when the provisioned throughput
 * last went up and down.
 */
public record TableDefinition(
        String tableName,
        int storageId,
        String tableId,
        String tableArn,
        List<AttributeDefinition> attributeDefinitions,
        KeySchema keySchema,
        long creationDateTimeMillis,
        String billingMode,
        ProvisionedThroughput provisionedThroughput,
        long lastBillingModeChangeMillis,
        List<IndexDefinition> indexes,
        StreamSettings stream,
        TtlSettings ttl,
        List<VectorIndexDefinition> vectorIndexes,
        boolean deletionProtectionEnabled,
        String kmsMasterKeyArn,
        OnDemandThroughput onDemandThroughput,
        ThroughputChanges throughputChanges) {

    public TableDefinition {
        indexes = indexes == null ? List.of() : List.copyOf(indexes);
        vectorIndexes = vectorIndexes == null ? List.of() : List.copyOf(vectorIndexes);
        throughputChanges = throughputChanges == null ? ThroughputChanges.NONE : throughputChanges;
    }

    /** A table whose provisioned throughput never changed. */
    public TableDefinition(String tableName, int storageId, String tableId, String tableArn,
            List<AttributeDefinition> attributeDefinitions, KeySchema keySchema, long creationDateTimeMillis,
            String billingMode, ProvisionedThroughput provisionedThroughput, long lastBillingModeChangeMillis,
            List<IndexDefinition> indexes, StreamSettings stream, TtlSettings ttl,
            List<VectorIndexDefinition> vectorIndexes, boolean deletionProtectionEnabled, String kmsMasterKeyArn,
            OnDemandThroughput onDemandThroughput) {
        this(tableName, storageId, tableId, tableArn, attributeDefinitions, keySchema, creationDateTimeMillis,
                billingMode, provisionedThroughput, lastBillingModeChangeMillis, indexes, stream, ttl, vectorIndexes,
                deletionProtectionEnabled, kmsMasterKeyArn, onDemandThroughput, ThroughputChanges.NONE);
    }

    /** A table without on-demand maximums. */
    public TableDefinition(String tableName, int storageId, String tableId, String tableArn,
            List<AttributeDefinition> attributeDefinitions, KeySchema keySchema, long creationDateTimeMillis,
            String billingMode, ProvisionedThroughput provisionedThroughput, long lastBillingModeChangeMillis,
            List<IndexDefinition> indexes, StreamSettings stream, TtlSettings ttl,
            List<VectorIndexDefinition> vectorIndexes, boolean deletionProtectionEnabled, String kmsMasterKeyArn) {
        this(tableName, storageId, tableId, tableArn, attributeDefinitions, keySchema, creationDateTimeMillis,
                billingMode, provisionedThroughput, lastBillingModeChangeMillis, indexes, stream, ttl, vectorIndexes,
                deletionProtectionEnabled, kmsMasterKeyArn, null);
    }

    /** A table encrypted under the AWS owned key. */
    public TableDefinition(String tableName, int storageId, String tableId, String tableArn,
            List<AttributeDefinition> attributeDefinitions, KeySchema keySchema, long creationDateTimeMillis,
            String billingMode, ProvisionedThroughput provisionedThroughput, long lastBillingModeChangeMillis,
            List<IndexDefinition> indexes, StreamSettings stream, TtlSettings ttl,
            List<VectorIndexDefinition> vectorIndexes, boolean deletionProtectionEnabled) {
        this(tableName, storageId, tableId, tableArn, attributeDefinitions, keySchema, creationDateTimeMillis,
                billingMode, provisionedThroughput, lastBillingModeChangeMillis, indexes, stream, ttl, vectorIndexes,
                deletionProtectionEnabled, null, null);
    }

    /** A table without vector indexes. */
    public TableDefinition(String tableName, int storageId, String tableId, String tableArn,
            List<AttributeDefinition> attributeDefinitions, KeySchema keySchema, long creationDateTimeMillis,
            String billingMode, ProvisionedThroughput provisionedThroughput, long lastBillingModeChangeMillis,
            List<IndexDefinition> indexes, StreamSettings stream, TtlSettings ttl) {
        this(tableName, storageId, tableId, tableArn, attributeDefinitions, keySchema, creationDateTimeMillis,
                billingMode, provisionedThroughput, lastBillingModeChangeMillis, indexes, stream, ttl, List.of(), false);
    }

    public boolean payPerRequest() {
        return "PAY_PER_REQUEST".equals(billingMode);
    }

    public Optional<IndexDefinition> index(String name) {
        return indexes.stream().filter(i -> i.indexName().equals(name)).findFirst();
    }

    public TableDefinition withBilling(String mode, ProvisionedThroughput throughput, long changeMillis) {
        return copy(c -> {
            c.billingMode = mode;
            c.provisionedThroughput = throughput;
            c.lastBillingModeChangeMillis = changeMillis;
        });
    }

    public TableDefinition withIndexes(List<IndexDefinition> newIndexes, List<AttributeDefinition> definitions) {
        return copy(c -> {
            c.indexes = newIndexes;
            c.attributeDefinitions = definitions;
        });
    }

    public TableDefinition withStream(StreamSettings newStream) {
        return copy(c -> c.stream = newStream);
    }

    public TableDefinition withTtl(TtlSettings newTtl) {
        return copy(c -> c.ttl = newTtl);
    }

    public TableDefinition withVectorIndexes(List<VectorIndexDefinition> newVectorIndexes) {
        return copy(c -> c.vectorIndexes = newVectorIndexes);
    }

    public Optional<VectorIndexDefinition> vectorIndex(String name) {
        return vectorIndexes.stream().filter(i -> i.indexName().equals(name)).findFirst();
    }

    /** True when some vector index's search schema names {@code attribute}. */
    public boolean usesInSearchSchema(String attribute) {
        return vectorIndexes.stream().anyMatch(v -> v.usesInSearchSchema(attribute));
    }

    public TableDefinition withDeletionProtection(boolean enabled) {
        return copy(c -> c.deletionProtectionEnabled = enabled);
    }

    /** The table encrypted under KMS key {@code arn}, or under the AWS owned key when null. */
    public TableDefinition withKmsMasterKeyArn(String arn) {
        return copy(c -> c.kmsMasterKeyArn = arn);
    }

    /** This table with on-demand maximums {@code throughput} (null for none). */
    public TableDefinition withOnDemandThroughput(OnDemandThroughput throughput) {
        return copy(c -> c.onDemandThroughput = throughput);
    }

    /** This table with its provisioned throughput's history {@code changes}. */
    public TableDefinition withThroughputChanges(ThroughputChanges changes) {
        return copy(c -> c.throughputChanges = changes);
    }

    /**
     * This definition as DescribeTable reports it at {@code nowMillis}: the decreases of the table and its indexes
     * counted in that UTC day (the count of an earlier day reads 0).
     */
    public TableDefinition describedAt(long nowMillis) {
        List<IndexDefinition> counted = indexes.stream()
                .map(i -> i.withThroughputChanges(i.throughputChanges().asOf(nowMillis))).toList();
        return withIndexes(counted, attributeDefinitions).withThroughputChanges(throughputChanges.asOf(nowMillis));
    }

    /** The current stream's ARN, or null when the table never had a stream. */
    public String latestStreamArn() {
        return stream == null ? null : tableArn + "/stream/" + stream.label();
    }

    /** The one path of the withers: this definition's fields, of which {@code change} sets some, as a new definition. */
    private TableDefinition copy(Consumer<Fields> change) {
        Fields c = new Fields(this);
        change.accept(c);
        return c.definition();
    }

    /** A table definition's fields, to be changed. */
    private static final class Fields {
        String tableName;
        int storageId;
        String tableId;
        String tableArn;
        List<AttributeDefinition> attributeDefinitions;
        KeySchema keySchema;
        long creationDateTimeMillis;
        String billingMode;
        ProvisionedThroughput provisionedThroughput;
        long lastBillingModeChangeMillis;
        List<IndexDefinition> indexes;
        StreamSettings stream;
        TtlSettings ttl;
        List<VectorIndexDefinition> vectorIndexes;
        boolean deletionProtectionEnabled;
        String kmsMasterKeyArn;
        OnDemandThroughput onDemandThroughput;
        ThroughputChanges throughputChanges;

        Fields(TableDefinition t) {
            tableName = t.tableName;
            storageId = t.storageId;
            tableId = t.tableId;
            tableArn = t.tableArn;
            attributeDefinitions = t.attributeDefinitions;
            keySchema = t.keySchema;
            creationDateTimeMillis = t.creationDateTimeMillis;
            billingMode = t.billingMode;
            provisionedThroughput = t.provisionedThroughput;
            lastBillingModeChangeMillis = t.lastBillingModeChangeMillis;
            indexes = t.indexes;
            stream = t.stream;
            ttl = t.ttl;
            vectorIndexes = t.vectorIndexes;
            deletionProtectionEnabled = t.deletionProtectionEnabled;
            kmsMasterKeyArn = t.kmsMasterKeyArn;
            onDemandThroughput = t.onDemandThroughput;
            throughputChanges = t.throughputChanges;
        }

        TableDefinition definition() {
            return new TableDefinition(tableName, storageId, tableId, tableArn, attributeDefinitions, keySchema,
                    creationDateTimeMillis, billingMode, provisionedThroughput, lastBillingModeChangeMillis, indexes,
                    stream, ttl, vectorIndexes, deletionProtectionEnabled, kmsMasterKeyArn, onDemandThroughput,
                    throughputChanges);
        }
    }
}
