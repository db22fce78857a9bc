package io.dynarocks.replication.legacy;

import io.dynarocks.protocol.DynamoException;

/** The errors of the global tables version 2017.11.29 actions, with DynamoDB's types and wording. */
final class GlobalTableErrors {

    private GlobalTableErrors() {}

    /** DescribeGlobalTable's and UpdateGlobalTable's wording. */
    static DynamoException globalTableNotFound(String name) {
        return new DynamoException("GlobalTableNotFoundException",
                "Global table not found: Global table with name: '" + name + "' does not exist.", 400);
    }

    /** DescribeGlobalTableSettings' and UpdateGlobalTableSettings' wording. */
    static DynamoException globalTableSettingsNotFound(String name) {
        return new DynamoException("GlobalTableNotFoundException",
                "Global table with name: '" + name + "' does not exist.", 400);
    }

    static DynamoException globalTableAlreadyExists(String name) {
        return new DynamoException("GlobalTableAlreadyExistsException",
                "Global table with name: '" + name + "' already exists.", 400);
    }

    static DynamoException tableNotFound(String table, String region) {
        return new DynamoException("TableNotFoundException",
                "Table not found: Table: '" + table + "' not found in region: '" + region + "'.", 400);
    }

    static DynamoException replicaAlreadyExists(String table, String region) {
        return new DynamoException("ReplicaAlreadyExistsException",
                "Replica already exists: Table: '" + table + "' already has a replica in region: '" + region + "'.", 400);
    }

    static DynamoException replicaNotFound(String table, String region) {
        return new DynamoException("ReplicaNotFoundException",
                "Replica not found: Table: '" + table + "' has no replica in region: '" + region + "'.", 400);
    }

    static DynamoException indexNotFound(String index) {
        return new DynamoException("IndexNotFoundException",
                "Index not found: The global secondary index '" + index + "' does not exist.", 400);
    }

    static DynamoException invalid(String detail) {
        return DynamoException.validation("One or more parameter values were invalid: " + detail);
    }
}
