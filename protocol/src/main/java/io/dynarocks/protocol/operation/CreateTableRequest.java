package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.VectorIndexJson;
import io.dynarocks.protocol.model.AttributeDefinition;
import io.dynarocks.protocol.model.KeySchema;
import io.dynarocks.protocol.model.KeySchemaElement;
import io.dynarocks.protocol.model.OnDemandThroughput;
import io.dynarocks.protocol.model.ProvisionedThroughput;
import io.dynarocks.protocol.model.Tag;
import io.dynarocks.protocol.model.VectorIndexDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/** CreateTable's request. */
public record CreateTableRequest(
        String tableName,
        List<AttributeDefinition> attributeDefinitions,
        List<KeySchemaElement> keySchema,
        String billingMode,
        ProvisionedThroughput provisionedThroughput,
        List<SecondaryIndexSpec> globalSecondaryIndexes,
        List<SecondaryIndexSpec> localSecondaryIndexes,
        StreamSpecification streamSpecification,
        List<Tag> tags,
        List<VectorIndexDefinition> vectorIndexes,
        boolean deletionProtectionEnabled,
        SseSpecification sseSpecification,
        OnDemandThroughput onDemandThroughput) {

    public static CreateTableRequest decode(byte[] body) {
        var f = new Object() {
            String tableName;
            List<AttributeDefinition> defs;
            List<KeySchemaElement> keys;
            String billing;
            ProvisionedThroughput throughput;
            List<SecondaryIndexSpec> gsis;
            List<SecondaryIndexSpec> lsis;
            StreamSpecification stream;
            List<Tag> tags;
            List<VectorIndexDefinition> vectorIndexes;
            Boolean deletionProtection;
            SseSpecification sse;
            OnDemandThroughput onDemand;
        };
        JsonReader.readBody(body, (name, r) -> {
            switch (name) {
                case "TableName" -> f.tableName = r.readString();
                case "AttributeDefinitions" -> f.defs = Members.attributeDefinitions(r);
                case "KeySchema" -> f.keys = Members.keySchema(r);
                case "BillingMode" -> f.billing = r.readString();
                case "ProvisionedThroughput" -> f.throughput = Members.throughput(r);
                case "GlobalSecondaryIndexes" -> f.gsis = r.readList(SecondaryIndexSpec::read);
                case "LocalSecondaryIndexes" -> f.lsis = r.readList(SecondaryIndexSpec::read);
                case "StreamSpecification" -> f.stream = StreamSpecification.read(r);
                case "Tags" -> f.tags = TagsRequest.readTags(r);
                case "VectorIndexes" -> f.vectorIndexes = r.readList(VectorIndexJson::read);
                case "DeletionProtectionEnabled" -> f.deletionProtection = r.readBoolean();
                case "SSESpecification" -> f.sse = SseSpecification.read(r);
                case "OnDemandThroughput" -> f.onDemand = OnDemandThroughput.read(r);
                default -> r.skip();
            }
        });
        CreateTableRequest request = new CreateTableRequest(f.tableName, f.defs, f.keys, f.billing, f.throughput,
                f.gsis, f.lsis, f.stream, f.tags, f.vectorIndexes, Boolean.TRUE.equals(f.deletionProtection), f.sse,
                f.onDemand == null || f.onDemand.isEmpty() ? null : f.onDemand);
        request.validate();
        return request;
    }

    /** The billing mode in effect: DynamoDB defaults to PROVISIONED. */
    public String effectiveBillingMode() {
        return billingMode == null ? "PROVISIONED" : billingMode;
    }

    private void validate() {
        Constraints.required(tableName, "TableName");
        Constraints c = new Constraints();
        c.tableName(tableName, "tableName");
        c.notNull(attributeDefinitions, "attributeDefinitions");
        c.notNull(keySchema, "keySchema");
        SchemaConstraints.keySchema(c, keySchema, "keySchema");
        SchemaConstraints.attributeDefinitions(c, attributeDefinitions, "attributeDefinitions");
        c.oneOf(billingMode, "billingMode", "PROVISIONED", "PAY_PER_REQUEST");
        ThroughputRules.constraints(c, provisionedThroughput, "provisionedThroughput");
        if (streamSpecification != null) {
            streamSpecification.constrain(c);
        }
        SecondaryIndexRules.constrain(c, globalSecondaryIndexes, "globalSecondaryIndexes");
        SecondaryIndexRules.constrain(c, localSecondaryIndexes, "localSecondaryIndexes");
        c.size(vectorIndexes, 1, Integer.MAX_VALUE, "vectorIndexes");
        for (int i = 0; vectorIndexes != null && i < vectorIndexes.size(); i++) {
            VectorIndexRules.constrain(c, vectorIndexes.get(i), "vectorIndexes." + (i + 1) + ".member.");
        }
        if (sseSpecification != null) {
            sseSpecification.constrain(c);
        }
        c.check();
        if (sseSpecification != null) {
            sseSpecification.check();
        }
        if (tags != null && !tags.isEmpty()) {
            TagsRequest.checkTags(tags);
        }

        ThroughputRules.checkAgainstBillingMode(effectiveBillingMode(), provisionedThroughput);
        if (onDemandThroughput != null) {
            onDemandThroughput.check(effectiveBillingMode(), null, false);
        }
        for (SecondaryIndexSpec gsi : globalSecondaryIndexes == null ? List.<SecondaryIndexSpec>of()
                : globalSecondaryIndexes) {
            if (gsi.onDemandThroughput() != null) {
                gsi.onDemandThroughput().check(effectiveBillingMode(), gsi.indexName(), false);
            }
        }
        KeySchema table = keySchemaOf(keySchema, attributeDefinitions);
        Set<String> seen = new HashSet<>();
        for (AttributeDefinition d : attributeDefinitions) {
            if (!seen.add(d.attributeName())) {
                throw invalid("Duplicate AttributeName in AttributeDefinitions: " + d.attributeName());
            }
        }
        // Attributes only a vector index's search schema uses are checked by its own rules.
        List<AttributeDefinition> keyDefinitions = attributeDefinitions;
        if (vectorIndexes != null) {
            Set<String> names = new HashSet<>();
            Stream.of(globalSecondaryIndexes, localSecondaryIndexes).filter(Objects::nonNull).flatMap(List::stream)
                    .forEach(s -> names.add(s.indexName()));
            for (VectorIndexDefinition v : vectorIndexes) {
                VectorIndexRules.check(v, effectiveBillingMode(), table, attributeDefinitions, names, vectorIndexes);
            }
            Set<String> indexKeys = new HashSet<>();
            Stream.of(globalSecondaryIndexes, localSecondaryIndexes).filter(Objects::nonNull).flatMap(List::stream)
                    .forEach(s -> s.keySchema().forEach(k -> indexKeys.add(k.attributeName())));
            keyDefinitions = attributeDefinitions.stream().filter(d -> table.isKeyAttribute(d.attributeName())
                    || indexKeys.contains(d.attributeName())
                    || vectorIndexes.stream().noneMatch(v -> v.usesInSearchSchema(d.attributeName()))).toList();
        }
        if (globalSecondaryIndexes != null || localSecondaryIndexes != null) {
            SecondaryIndexRules.check(table, keyDefinitions, globalSecondaryIndexes, localSecondaryIndexes);
        } else if (keyDefinitions.size() != keySchema.size()) {
            throw invalid("Number of attributes in KeySchema does not exactly match number of attributes defined in AttributeDefinitions");
        }
    }

    /** Resolves and checks a key schema against attribute definitions, with DynamoDB's messages. */
    public static KeySchema keySchemaOf(List<KeySchemaElement> keys, List<AttributeDefinition> defs) {
        if (!keys.get(0).isHash()) {
            throw DynamoException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
        }
        if (keys.size() == 2 && keys.get(1).isHash()) {
            throw DynamoException.validation("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
        }
        if (keys.size() == 2 && keys.get(0).attributeName().equals(keys.get(1).attributeName())) {
            throw DynamoException.validation(
                    "Both the Hash Key and the Range Key element in the KeySchema have the same name");
        }
        List<String> missing = new ArrayList<>();
        String[] types = new String[2];
        for (int i = 0; i < keys.size(); i++) {
            String name = keys.get(i).attributeName();
            types[i] = defs.stream().filter(d -> d.attributeName().equals(name))
                    .map(AttributeDefinition::attributeType).findFirst().orElse(null);
            if (types[i] == null) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw invalid("Some index key attributes are not defined in AttributeDefinitions. Keys: " + missing
                    + ", AttributeDefinitions: " + defs.stream().map(AttributeDefinition::attributeName).toList());
        }
        return keys.size() == 2
                ? new KeySchema(keys.get(0).attributeName(), types[0], keys.get(1).attributeName(), types[1])
                : new KeySchema(keys.get(0).attributeName(), types[0], null, null);
    }

    private static DynamoException invalid(String detail) {
        return DynamoException.validation("One or more parameter values were invalid: " + detail);
    }
}
