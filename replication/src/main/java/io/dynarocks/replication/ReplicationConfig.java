package io.dynarocks.replication;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The region a server stands for and the peer regions it can replicate global tables to.
 *
 * @param region the server's region name, as DynamoDB's RegionName
 * @param peers  each peer region's endpoint (its public DynamoDB URL)
 */
public record ReplicationConfig(String region, Map<String, URI> peers) {

    /** The region a server stands for unless told otherwise (the one its ARNs name). */
    public static final String DEFAULT_REGION = "us-east-1";

    public ReplicationConfig {
        peers = Map.copyOf(peers);
        if (peers.containsKey(region)) {
            throw new IllegalArgumentException("a peer cannot have the server's own region " + region);
        }
    }

    public static ReplicationConfig defaults() {
        return new ReplicationConfig(DEFAULT_REGION, Map.of());
    }

    public ReplicationConfig withRegion(String value) {
        return new ReplicationConfig(value, peers);
    }

    /** Also knows peer {@code name} at {@code endpoint} (replacing an earlier endpoint of that name). */
    public ReplicationConfig withPeer(String name, URI endpoint) {
        Map<String, URI> all = new LinkedHashMap<>(peers);
        all.put(name, endpoint);
        return new ReplicationConfig(region, all);
    }
}
