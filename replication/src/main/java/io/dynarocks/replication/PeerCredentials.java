package io.dynarocks.replication;

/**
 * The access key a server signs its calls to a peer with (SigV4), for peers that require signed
 * requests ({@code --auth}/{@code --auth-key}). The key must be one the peer accepts, of a principal
 * allowed the replication actions.
 */
public record PeerCredentials(String accessKeyId, String secretAccessKey) {

    public PeerCredentials {
        if (accessKeyId == null || accessKeyId.isEmpty() || secretAccessKey == null || secretAccessKey.isEmpty()) {
            throw new IllegalArgumentException("a peer key needs an access key id and a secret");
        }
    }

    /** {@code ACCESS_KEY:SECRET}. */
    public static PeerCredentials parse(String value) {
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("expected ACCESS_KEY:SECRET, got '" + value + "'");
        }
        return new PeerCredentials(value.substring(0, colon), value.substring(colon + 1));
    }

    /** The key without its secret, for logs and messages. */
    @Override
    public String toString() {
        return "PeerCredentials[" + accessKeyId + "]";
    }
}
