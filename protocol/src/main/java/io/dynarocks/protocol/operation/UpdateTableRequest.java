package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.OnDemandThroughput;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.TableDefinition;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** UpdateTable's request: billing mode, throughput, on-demand maximums, global secondary indexes and stream. */
public record UpdateTableRequest(
        String tableName,
        List<AttributeDefinition> attributeDefinitions,
        String billingMode,
        ProvisionedThroughput provisionedThroughput,
        List<GlobalSecondaryIndexUpdate> globalSecondaryIndexUpdates,
        StreamSpecification streamSpecification,
        List<VectorIndexUpdate> vectorIndexUpdates,
        Boolean deletionProtectionEnabled,
        List<ReplicaUpdate> replicaUpdates,
        SseSpecification sseSpecification,
        OnDemandThroughput onDemandThroughput) {

    /** A request without replica updates, encryption change nor on-demand maximums. */
    public UpdateTableRequest(String tableName, List<AttributeDefinition> attributeDefinitions, String billingMode,
            ProvisionedThroughput provisionedThroughput, List<GlobalSecondaryIndexUpdate> globalSecondaryIndexUpdates,
            StreamSpecification streamSpecification, List<VectorIndexUpdate> vectorIndexUpdates,
            Boolean deletionProtectionEnabled) {
        this(tableName, attributeDefinitions, billingMode, provisionedThroughput, globalSecondaryIndexUpdates,
                streamSpecification, vectorIndexUpdates, deletionProtectionEnabled, null, null, null);
    }

    /** True when the request changes more than its replicas (the engine's part of UpdateTable). */
    public boolean changesTable() {
        return billingMode != null || provisionedThroughput != null || globalSecondaryIndexUpdates != null
                || streamSpecification != null || vectorIndexUpdates != null || deletionProtectionEnabled != null
                || sseSpecification != null || onDemandThroughput != null;
    }

    /** The same request without its replica updates. */
    public UpdateTableRequest withoutReplicaUpdates() {
        return new UpdateTableRequest(tableName, attributeDefinitions, billingMode, provisionedThroughput,
                globalSecondaryIndexUpdates, streamSpecification, vectorIndexUpdates, deletionProtectionEnabled, null,
                sseSpecification, onDemandThroughput);
    }

    public static UpdateTableRequest decode(byte[] body) {
        var f = new Object() {
            String tableName;
            List<AttributeDefinition> defs;
            String billing;
            ProvisionedThroughput throughput;
            List<GlobalSecondaryIndexUpdate> gsiUpdates;
            StreamSpecification stream;
            List<VectorIndexUpdate> vectorUpdates;
            Boolean deletionProtection;
            List<ReplicaUpdate> replicaUpdates;
            SseSpecification sse;
            OnDemandThroughput onDemand;
        };
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "TableName" -> f.tableName = r.readString();
                case "AttributeDefinitions" -> f.defs = Members.attributeDefinitions(r);
                case "BillingMode" -> f.billing = r.readString();
                case "ProvisionedThroughput" -> f.throughput = Members.throughput(r);
                case "GlobalSecondaryIndexUpdates" -> f.gsiUpdates = r.readList(GlobalSecondaryIndexUpdate::read);
                case "StreamSpecification" -> f.stream = StreamSpecification.read(r);
                case "VectorIndexUpdates" -> f.vectorUpdates = r.readList(VectorIndexUpdate::read);
                case "DeletionProtectionEnabled" -> f.deletionProtection = r.readBoolean();
                case "ReplicaUpdates" -> f.replicaUpdates = r.readList(ReplicaUpdate::read);
                case "SSESpecification" -> f.sse = SseSpecification.read(r);
                case "OnDemandThroughput" -> f.onDemand = OnDemandThroughput.read(r);
                default -> r.skip();
            }
        });
        Constraints.required(f.tableName, "TableName");
        Constraints c = new Constraints().tableName(f.tableName, "tableName");
        c.oneOf(f.billing, "billingMode", "PROVISIONED", "PAY_PER_REQUEST");
        ThroughputRules.constraints(c, f.throughput, "provisionedThroughput");
        SchemaConstraints.attributeDefinitions(c, f.defs, "attributeDefinitions");
        if (f.gsiUpdates != null) {
            for (int i = 0; i < f.gsiUpdates.size(); i++) {
                f.gsiUpdates.get(i).constrain(c, "globalSecondaryIndexUpdates." + (i + 1) + ".member.");
            }
        }
        if (f.stream != null) {
            f.stream.constrain(c);
        }
        VectorIndexRules.constrainUpdates(c, f.vectorUpdates);
        if (f.sse != null) {
            f.sse.constrain(c);
        }
        for (int i = 0; f.replicaUpdates != null && i < f.replicaUpdates.size(); i++) {
            f.replicaUpdates.get(i).constrain(c, i + 1);
        }
        for (int i = 0; f.gsiUpdates != null && i < f.gsiUpdates.size(); i++) {
            GlobalSecondaryIndexUpdate u = f.gsiUpdates.get(i);
            String at = "globalSecondaryIndexUpdates." + (i + 1) + ".member.";
            if (u.create() != null) {
                c.tableName(u.create().indexName(), at + "create.indexName");
            } else if (u.deleteIndexName() != null) {
                c.tableName(u.deleteIndexName(), at + "delete.indexName");
            } else if (u.updateIndexName() != null) {
                c.tableName(u.updateIndexName(), at + "update.indexName");
            }
        }
        c.check();
        if (f.sse != null) {
            f.sse.check();
        }
        checkOneChangePerIndex(f.gsiUpdates);
        // An empty GlobalSecondaryIndexUpdates counts as absent here, and is an error beside another change.
        boolean gsiUpdates = f.gsiUpdates != null && !f.gsiUpdates.isEmpty();
        if (f.billing == null && f.throughput == null && !gsiUpdates && f.stream == null
                && f.vectorUpdates == null && f.deletionProtection == null && f.sse == null
                && f.onDemand == null
                && (f.replicaUpdates == null || f.replicaUpdates.isEmpty())) {
            throw DynamoException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates, SSESpecification, ReplicaUpdates, MultiAccountReplicaReady, "
                    + "ReplicaTransitRoleArn, MultiRegionConsistency, DeletionProtectionEnabled, OnDemandThroughput, "
                    + "WarmThroughput or TableClass is required");
        }
        if (f.gsiUpdates != null && f.gsiUpdates.isEmpty()) {
            throw DynamoException.validation(
                    "One or more parameter values were invalid: List of GlobalSecondaryIndexUpdates is empty");
        }
        if (f.billing != null) {
            ThroughputRules.checkAgainstBillingMode(f.billing, f.throughput);
        }
        UpdateTableRequest request = new UpdateTableRequest(f.tableName, f.defs, f.billing, f.throughput,
                f.gsiUpdates, f.stream, f.vectorUpdates, f.deletionProtection,
                f.replicaUpdates == null || f.replicaUpdates.isEmpty() ? null : List.copyOf(f.replicaUpdates), f.sse,
                f.onDemand);
        if (request.createsOrDeletesIndexes() > 0 && f.throughput != null) {
            throw DynamoException.validation("You cannot create or delete index while updating table IOPS");
        }
        if (request.createsOrDeletesIndexes() > 0 && f.stream != null) {
            throw DynamoException.validation("You cannot create or delete index while changing stream status");
        }
        return request;
    }

    private static void checkOneChangePerIndex(List<GlobalSecondaryIndexUpdate> updates) {
        Set<String> seen = new HashSet<>();
        for (GlobalSecondaryIndexUpdate u : updates == null ? List.<GlobalSecondaryIndexUpdate>of() : updates) {
            String name = u.create() != null ? u.create().indexName()
                    : u.deleteIndexName() != null ? u.deleteIndexName() : u.updateIndexName();
            if (name == null) {
                throw DynamoException.validation("One or more parameter values were invalid: One of "
                        + "GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
                        + "GlobalSecondaryIndexUpdate.Delete must not be null");
            }
            if (!seen.add(name)) {
                throw DynamoException.validation("One or more parameter values were invalid: Only one global "
                        + "secondary index update per index is allowed simultaneously. Index: " + name);
            }
        }
    }

    /** How many global secondary indexes the request creates or deletes. */
    public long createsOrDeletesIndexes() {
        return globalSecondaryIndexUpdates == null ? 0 : globalSecondaryIndexUpdates.stream()
                .filter(u -> u.create() != null || u.deleteIndexName() != null).count();
    }

    /**
     * The checks that need the table: throughput on a PAY_PER_REQUEST table, on-demand maximums on a provisioned
     * one, and a throughput change that changes nothing (DynamoDB's wording).
     */
    public void checkAgainst(TableDefinition table) {
        String billing = billingMode != null ? billingMode : table.billingMode();
        if (onDemandThroughput != null) {
            onDemandThroughput.check(billing, null, true);
        }
        for (GlobalSecondaryIndexUpdate u : globalSecondaryIndexUpdates == null
                ? List.<GlobalSecondaryIndexUpdate>of() : globalSecondaryIndexUpdates) {
            if (u.updateOnDemandThroughput() != null) {
                u.updateOnDemandThroughput().check(billing, u.updateIndexName(), true);
            }
            if (u.create() != null && u.create().onDemandThroughput() != null) {
                u.create().onDemandThroughput().check(billing, u.create().indexName(), false);
            }
        }
        if (provisionedThroughput != null) {
            ThroughputRules.checkAgainstBillingMode(billingMode != null ? billingMode : table.billingMode(),
                    provisionedThroughput);
        }
        ProvisionedThroughput current = table.provisionedThroughput();
        if (provisionedThroughput != null && !table.payPerRequest()
                && provisionedThroughput.readCapacityUnits().equals(current.readCapacityUnits())
                && provisionedThroughput.writeCapacityUnits().equals(current.writeCapacityUnits())) {
            throw DynamoException.validation("The provisioned throughput for the table will not change. The requested "
                    + "value equals the current value. Current ReadCapacityUnits provisioned for the table: "
                    + current.readCapacityUnits() + ". Requested ReadCapacityUnits: "
                    + provisionedThroughput.readCapacityUnits() + ". Current WriteCapacityUnits provisioned for the "
                    + "table: " + current.writeCapacityUnits() + ". Requested WriteCapacityUnits: "
                    + provisionedThroughput.writeCapacityUnits() + ". Refer to the Amazon DynamoDB Developer Guide for "
                    + "current limits and how to request higher limits.");
        }
    }
}
