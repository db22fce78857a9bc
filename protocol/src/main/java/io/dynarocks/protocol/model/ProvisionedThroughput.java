package io.dynarocks.protocol.model;

/** Provisioned read and write capacity units. */
public record ProvisionedThroughput(Long readCapacityUnits, Long writeCapacityUnits) {
    public static final ProvisionedThroughput ZERO = new ProvisionedThroughput(0L, 0L);
}
