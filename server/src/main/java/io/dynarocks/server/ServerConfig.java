package io.dynarocks.server;

import io.dynarocks.engine.limits.LimitsConfig;
import io.dynarocks.replication.ReplicationConfig;
import io.dynarocks.security.SecurityConfig;
import io.dynarocks.streams.StreamWebhook;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything a server needs to start, built alike by the CLI and the embedded builder.
 *
 * @param inMemory            keep data in memory only (no RocksDB, nothing on disk)
 * @param dataDir             where the RocksDB store lives when not in memory
 * @param sync                fsync every write (survives machine crashes, not only process crashes)
 * @param workers             threads that run storage work off the Netty event loop
 * @param ttlInterval         how often the TTL sweeper looks for expired items
 * @param shardRolloverPeriod how long a stream shard stays open before it is closed and succeeded
 * @param daxPort             port of the DAX-style cache endpoint; null for none (0 picks a free one)
 * @param streamWebhooks      tables whose stream batches are POSTed to a URL as Lambda's DynamoDB event
 * @param exportDir           the folder standing for S3 in exports and imports (a sub-folder per bucket)
 * @param security            authentication, authorization, TLS and encryption options (all off by default)
 * @param compatibility       database per credential or shared, CORS origins: DynamoDB Local's behaviours
 * @param limits              production-like throughput limits and account quotas ({@code --limits}; off by default)
 * @param etcdEndpoints       client URLs of an etcd cluster to keep the data in, shared with every other
 *                            server given the same cluster; empty for RocksDB (or memory)
 * @param replication         the server's region and its peer regions, for global tables
 * @param console             serve the web console at {@code /console} on the main port
 * @param transport           request and idle timeouts and the in-flight request memory of all connections
 * @param salvageWal          open a store whose write-ahead log is damaged by keeping the writes before the damage
 * @param storageMemory       bytes of RocksDB block cache and memtables, all of the server's stores together
 * @param etcdPrefix          the prefix of every etcd key of this deployment, so several deployments share one
 *                            cluster without seeing each other's tables; empty for the whole key space
 */
public record ServerConfig(String host, int port, Path dataDir, boolean inMemory, boolean sync, int workers,
        Duration ttlInterval, Duration shardRolloverPeriod, Integer daxPort, List<StreamWebhook> streamWebhooks,
        Path exportDir, SecurityConfig security, CompatibilityOptions compatibility, LimitsConfig limits,
        List<java.net.URI> etcdEndpoints, ReplicationConfig replication, boolean console,
        TransportLimits transport,
        boolean salvageWal, long storageMemory, String etcdPrefix) {

    public static final int DEFAULT_PORT = 8000;

    public static ServerConfig defaults() {
        return new ServerConfig("127.0.0.1", DEFAULT_PORT, Path.of("data"), false, false,
                Math.max(4, Runtime.getRuntime().availableProcessors() * 4), Duration.ofSeconds(1),
                Duration.ofHours(4), null, List.of(), Path.of("exports"),
                SecurityConfig.none(), CompatibilityOptions.defaults(), LimitsConfig.off(), List.of(),
                ReplicationConfig.defaults(), true, TransportLimits.defaults(), false,
                io.dynarocks.storage.rocksdb.RocksDbMemory.DEFAULT_BYTES, "");
    }

    public ServerConfig withHost(String value) {
        return new ServerConfig(value, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod,
                daxPort, streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withPort(int value) {
        return new ServerConfig(host, value, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod,
                daxPort, streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    /** Persistent storage in {@code dir}. */
    public ServerConfig withDataDir(Path dir) {
        return new ServerConfig(host, port, dir, false, sync, workers, ttlInterval, shardRolloverPeriod, daxPort,
                streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withInMemory(boolean value) {
        return new ServerConfig(host, port, dataDir, value, sync, workers, ttlInterval, shardRolloverPeriod,
                daxPort, streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withSync(boolean value) {
        return new ServerConfig(host, port, dataDir, inMemory, value, workers, ttlInterval, shardRolloverPeriod,
                daxPort, streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withTtlInterval(Duration value) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, value, shardRolloverPeriod, daxPort,
                streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withShardRolloverPeriod(Duration value) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, value, daxPort,
                streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    /** Also POST the batches of {@code webhook}'s table to its URL. */
    public ServerConfig withStreamWebhook(StreamWebhook webhook) {
        List<StreamWebhook> all = new ArrayList<>(streamWebhooks);
        all.add(webhook);
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod,
                daxPort, List.copyOf(all), exportDir, security, compatibility, limits, etcdEndpoints, replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withDaxPort(Integer value) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod,
                value, streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withExportDir(Path value) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod,
                daxPort, streamWebhooks, value, security, compatibility, limits, etcdEndpoints, replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withSecurity(SecurityConfig value) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod,
                daxPort, streamWebhooks, exportDir, value, compatibility, limits, etcdEndpoints, replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withCompatibility(CompatibilityOptions value) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod,
                daxPort, streamWebhooks, exportDir, security, value, limits, etcdEndpoints, replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withLimits(LimitsConfig value) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod,
                daxPort, streamWebhooks, exportDir, security, compatibility, value, etcdEndpoints, replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    /** Keep the data in the etcd cluster reachable through {@code endpoints} (empty: RocksDB or memory). */
    public ServerConfig withEtcdEndpoints(List<java.net.URI> endpoints) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod,
                daxPort, streamWebhooks, exportDir, security, compatibility, limits, List.copyOf(endpoints),
                replication, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withReplication(ReplicationConfig value) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod,
                daxPort, streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, value, console, transport, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withConsole(boolean value) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod,
                daxPort, streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, replication, value, transport, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withTransport(TransportLimits value) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod,
                daxPort, streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, replication,
                console, value, salvageWal, storageMemory, etcdPrefix);
    }

    public ServerConfig withSalvageWal(boolean value) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod, daxPort,
                streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, replication, console,
                transport, value, storageMemory, etcdPrefix);
    }

    public ServerConfig withStorageMemory(long value) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod, daxPort,
                streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, replication, console,
                transport, salvageWal, value, etcdPrefix);
    }

    /** Keep every etcd key under {@code value}: servers given the same prefix share their tables, others do not. */
    public ServerConfig withEtcdPrefix(String value) {
        return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod, daxPort,
                streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints, replication, console,
                transport, salvageWal, storageMemory, value);
    }
}
