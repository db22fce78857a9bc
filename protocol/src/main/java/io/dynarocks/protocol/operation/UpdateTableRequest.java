package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import java.util.List;

/** UpdateTable's request (billing mode and throughput). */
public record UpdateTableRequest(
        String tableName,
        List<AttributeDefinition> attributeDefinitions,
        String billingMode,
        ProvisionedThroughput provisionedThroughput,
        List<GlobalSecondaryIndexUpdate> globalSecondaryIndexUpdates,
        StreamSpecification streamSpecification,
        List<VectorIndexUpdate> vectorIndexUpdates,
        Boolean deletionProtectionEnabled) {

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
        c.check();
        if (f.billing == null && f.throughput == null && f.gsiUpdates == null && f.stream == null
                && f.vectorUpdates == null && f.deletionProtection == null) {
            throw DynamoException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
                    + "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
        }
        if (f.billing != null) {
            ThroughputRules.checkAgainstBillingMode(f.billing, f.throughput);
        }
        return new UpdateTableRequest(f.tableName, f.defs, f.billing, f.throughput, f.gsiUpdates, f.stream,
                f.vectorUpdates, f.deletionProtection);
    }
}
