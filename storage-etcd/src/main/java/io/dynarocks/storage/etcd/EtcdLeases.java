package io.dynarocks.storage.etcd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * Cluster-wide leadership of named background tasks: the leader of {@code name} is the process whose
 * id is stored under the key {@code M:leader/<name>}, attached to its etcd lease; when that process
 * stops renewing the lease (it died, or lost the cluster), etcd deletes the key and another process
 * takes over at its next attempt. The lease is renewed by every attempt, so it lives while the process
 * runs its periodic tasks.
 */
final class EtcdLeases {

    /** Seconds a leader that stopped renewing keeps its leadership. */
    static final long TTL_SECONDS = 10;

    private final EtcdStorage storage;
    private final String id = UUID.randomUUID().toString();
    private long lease;
    private long renewedNanos;

    EtcdLeases(EtcdStorage storage) {
        this.storage = storage;
    }

    /** Whether this process leads {@code name} now, taking the lead when nobody holds it. */
    synchronized boolean lead(String name) {
        renew();
        byte[] key = storage.raw(("M:leader/" + name).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String k = EtcdStorage.b64(key);
        ObjectNode txn = EtcdClient.object();
        txn.putArray("compare").addObject().put("result", "EQUAL").put("target", "CREATE").put("key", k)
                .put("create_revision", 0);
        txn.putArray("success").addObject().putObject("request_put").put("key", k)
                .put("value", EtcdStorage.b64(id.getBytes(java.nio.charset.StandardCharsets.UTF_8))).put("lease", lease);
        txn.putArray("failure").addObject().putObject("request_range").put("key", k);
        // Idempotent by construction: the put applies only while the key is absent, and when a first attempt
        // did apply (its answer lost), the retry fails that comparison and reads back this process's own id
        // and lease, so it still answers "leader". Retrying through an election keeps the leader leading.
        JsonNode answer = storage.client().callIdempotent("kv/txn", txn);
        if (answer.path("succeeded").asBoolean(false)) {
            return true;
        }
        JsonNode kvs = answer.path("responses").path(0).path("response_range").path("kvs");
        return !kvs.isEmpty() && id.equals(new String(EtcdStorage.bytes(kvs.get(0).path("value")),
                java.nio.charset.StandardCharsets.UTF_8)) && kvs.get(0).path("lease").asLong() == lease;
    }

    /** Keeps this process's lease alive, granting a new one when there is none or it expired. */
    private void renew() {
        long now = System.nanoTime();
        if (lease != 0 && now - renewedNanos < java.util.concurrent.TimeUnit.SECONDS.toNanos(1)) {
            return;
        }
        if (lease != 0) {
            JsonNode answer = storage.client().callIdempotent("lease/keepalive", EtcdClient.object().put("ID", lease));
            if (answer.path("result").path("TTL").asLong(0) > 0) {
                renewedNanos = now;
                return;
            }
        }
        // A repeated grant only leaves an unused lease behind, which etcd deletes after its TTL.
        lease = storage.client().callIdempotent("lease/grant", EtcdClient.object().put("TTL", TTL_SECONDS)).path("ID").asLong();
        renewedNanos = now;
    }

    /** Gives up every leadership at once (on close), so another process takes over without waiting. */
    synchronized void release() {
        if (lease != 0) {
            storage.client().call("lease/revoke", EtcdClient.object().put("ID", lease));
            lease = 0;
        }
    }
}
