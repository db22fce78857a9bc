package io.dynarocks.server;

/** Whether all requests share one database, or each credential has its own (see {@link Databases}). */
public enum DatabaseLayout {
    /** One database for every request (DynaRocks' default; DynamoDB Local's {@code -sharedDb}). */
    SHARED,
    /** One database per access key id and region (DynamoDB Local's default). */
    PER_CREDENTIAL
}
