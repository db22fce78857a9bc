package io.dynarocks.replication;

import io.dynarocks.engine.Engine;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The region a server stands for and the peer regions it can replicate global tables to.
 *
 * @param region      the server's region name, as DynamoDB's RegionName
 * @param peers       each peer region's endpoint (its public DynamoDB URL)
 * @param credentials the key to sign calls to a peer with, by peer region; under {@link #ANY_PEER} the
 *                    key for every peer without its own. No key: calls are unsigned.
 */
public record ReplicationConfig(String region, Map<String, URI> peers, Map<String, PeerCredentials> credentials) {

    /** The region a server stands for unless told otherwise (the one its ARNs name). */
    public static final String DEFAULT_REGION = Engine.DEFAULT_REGION;
    /** The {@link #credentials} entry of the key for every peer. */
    public static final String ANY_PEER = "*";

    public ReplicationConfig {
        peers = Map.copyOf(peers);
        credentials = Map.copyOf(credentials);
        if (peers.containsKey(region)) {
            throw new IllegalArgumentException("a peer cannot have the server's own region " + region);
        }
    }

    public ReplicationConfig(String region, Map<String, URI> peers) {
        this(region, peers, Map.of());
    }

    public static ReplicationConfig defaults() {
        return new ReplicationConfig(DEFAULT_REGION, Map.of());
    }

    public ReplicationConfig withRegion(String value) {
        return new ReplicationConfig(value, peers, credentials);
    }

    /** Also knows peer {@code name} at {@code endpoint} (replacing an earlier endpoint of that name). */
    public ReplicationConfig withPeer(String name, URI endpoint) {
        Map<String, URI> all = new LinkedHashMap<>(peers);
        all.put(name, endpoint);
        return new ReplicationConfig(region, all, credentials);
    }

    /** Signs calls to peer {@code peerRegion} ({@link #ANY_PEER}: to every peer without its own key) with {@code key}. */
    public ReplicationConfig withCredentials(String peerRegion, PeerCredentials key) {
        Map<String, PeerCredentials> all = new LinkedHashMap<>(credentials);
        all.put(peerRegion, key);
        return new ReplicationConfig(region, peers, all);
    }

    /** The key for calls to {@code peerRegion}, or null to call it unsigned. */
    public PeerCredentials credentialsFor(String peerRegion) {
        PeerCredentials own = credentials.get(peerRegion);
        return own != null ? own : credentials.get(ANY_PEER);
    }
}
