package io.dynarocks.server;

import io.dynarocks.engine.catalog.TransientDelays;
import java.util.List;

/**
 * How a server presents itself to clients written for DynamoDB Local or DynamoDB; part of {@link ServerConfig}.
 *
 * @param databases   one database for all requests, or one per access key id and region
 * @param corsOrigins the origins whose browser pages may call the server ({@code *}: any), DynamoDB Local's
 *                    {@code -cors}
 * @param transientDelays how long tables, indexes and Time to Live stay CREATING, UPDATING, DELETING, ENABLING or
 *                    DISABLING (none by default; DynamoDB Local's {@code -delayTransientStatuses})
 */
public record CompatibilityOptions(DatabaseLayout databases, List<String> corsOrigins, TransientDelays transientDelays) {

    public static CompatibilityOptions defaults() {
        return new CompatibilityOptions(DatabaseLayout.SHARED, List.of("*"), TransientDelays.NONE);
    }

    public CompatibilityOptions {
        corsOrigins = List.copyOf(corsOrigins);
    }

    public CompatibilityOptions withDatabases(DatabaseLayout value) {
        return new CompatibilityOptions(value, corsOrigins, transientDelays);
    }

    public CompatibilityOptions withCorsOrigins(List<String> value) {
        return new CompatibilityOptions(databases, value, transientDelays);
    }

    public CompatibilityOptions withTransientDelays(TransientDelays value) {
        return new CompatibilityOptions(databases, corsOrigins, value);
    }

    /**
     * The {@code Access-Control-Allow-Origin} answer to a page from {@code origin}: {@code *} when any origin
     * may call, the origin itself when it is listed, null when it may not.
     */
    String allowOriginHeader(String origin) {
        return corsOrigins.contains("*") ? "*" : corsOrigins.contains(origin) ? origin : null;
    }
}
