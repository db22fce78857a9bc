package io.dynarocks.protocol.model;

import java.util.List;

/**
 * What a table is, as DescribeTable reports it apart from its live counts: also the catalog's
 * persistent record. {@code storageId} is the internal key-space id (never reused).
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
        long lastBillingModeChangeMillis) {

    public boolean payPerRequest() {
        return "PAY_PER_REQUEST".equals(billingMode);
    }
}
