package io.dynarocks.server;

import java.util.List;

/**
 * How a server presents itself to clients written for DynamoDB Local or DynamoDB; part of {@link ServerConfig}.
 *
 * @param databases   one database for all requests, or one per access key id and region
 * @param corsOrigins the origins whose browser pages may call the server ({@code *}: any), DynamoDB Local's
 *                    {@code -cors}
 */
public record CompatibilityOptions(DatabaseLayout databases, List<String> corsOrigins) {

    public static CompatibilityOptions defaults() {
        return new CompatibilityOptions(DatabaseLayout.SHARED, List.of("*"));
    }

    public CompatibilityOptions {
        corsOrigins = List.copyOf(corsOrigins);
    }

    public CompatibilityOptions withDatabases(DatabaseLayout value) {
        return new CompatibilityOptions(value, corsOrigins);
    }

    public CompatibilityOptions withCorsOrigins(List<String> value) {
        return new CompatibilityOptions(databases, value);
    }

    /** Whether a page from {@code origin} may call the server. */
    boolean allowsOrigin(String origin) {
        return corsOrigins.contains("*") || corsOrigins.contains(origin);
    }
}
