package io.dynarocks.server;

import io.dynarocks.engine.limits.LimitsConfig;
import io.dynarocks.replication.ReplicationConfig;
import io.dynarocks.security.SecurityConfig;
import io.dynarocks.streams.StreamWebhook;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

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
        return copy(c -> c.host = value);
    }

    public ServerConfig withPort(int value) {
        return copy(c -> c.port = value);
    }

    /** Persistent storage in {@code dir}. */
    public ServerConfig withDataDir(Path dir) {
        return copy(c -> {
            c.dataDir = dir;
            c.inMemory = false;
        });
    }

    public ServerConfig withInMemory(boolean value) {
        return copy(c -> c.inMemory = value);
    }

    public ServerConfig withSync(boolean value) {
        return copy(c -> c.sync = value);
    }

    public ServerConfig withTtlInterval(Duration value) {
        return copy(c -> c.ttlInterval = value);
    }

    public ServerConfig withShardRolloverPeriod(Duration value) {
        return copy(c -> c.shardRolloverPeriod = value);
    }

    /** Also POST the batches of {@code webhook}'s table to its URL. */
    public ServerConfig withStreamWebhook(StreamWebhook webhook) {
        List<StreamWebhook> all = new ArrayList<>(streamWebhooks);
        all.add(webhook);
        return copy(c -> c.streamWebhooks = List.copyOf(all));
    }

    public ServerConfig withDaxPort(Integer value) {
        return copy(c -> c.daxPort = value);
    }

    public ServerConfig withExportDir(Path value) {
        return copy(c -> c.exportDir = value);
    }

    public ServerConfig withSecurity(SecurityConfig value) {
        return copy(c -> c.security = value);
    }

    public ServerConfig withCompatibility(CompatibilityOptions value) {
        return copy(c -> c.compatibility = value);
    }

    public ServerConfig withLimits(LimitsConfig value) {
        return copy(c -> c.limits = value);
    }

    /** Keep the data in the etcd cluster reachable through {@code endpoints} (empty: RocksDB or memory). */
    public ServerConfig withEtcdEndpoints(List<java.net.URI> endpoints) {
        return copy(c -> c.etcdEndpoints = List.copyOf(endpoints));
    }

    public ServerConfig withReplication(ReplicationConfig value) {
        return copy(c -> c.replication = value);
    }

    public ServerConfig withConsole(boolean value) {
        return copy(c -> c.console = value);
    }

    public ServerConfig withTransport(TransportLimits value) {
        return copy(c -> c.transport = value);
    }

    public ServerConfig withSalvageWal(boolean value) {
        return copy(c -> c.salvageWal = value);
    }

    public ServerConfig withStorageMemory(long value) {
        return copy(c -> c.storageMemory = value);
    }

    /** Keep every etcd key under {@code value}: servers given the same prefix share their tables, others do not. */
    public ServerConfig withEtcdPrefix(String value) {
        return copy(c -> c.etcdPrefix = value);
    }

    /**
     * The one path of the withers: this configuration's fields, of which {@code change} sets some, as a new one
     * (so a new option adds a field here and its wither, not an argument to every wither).
     */
    private ServerConfig copy(Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return f.config();
    }

    /** A configuration's fields, to be changed. */
    private static final class Fields {
        String host;
        int port;
        Path dataDir;
        boolean inMemory;
        boolean sync;
        int workers;
        Duration ttlInterval;
        Duration shardRolloverPeriod;
        Integer daxPort;
        List<StreamWebhook> streamWebhooks;
        Path exportDir;
        SecurityConfig security;
        CompatibilityOptions compatibility;
        LimitsConfig limits;
        List<java.net.URI> etcdEndpoints;
        ReplicationConfig replication;
        boolean console;
        TransportLimits transport;
        boolean salvageWal;
        long storageMemory;
        String etcdPrefix;

        Fields(ServerConfig c) {
            host = c.host;
            port = c.port;
            dataDir = c.dataDir;
            inMemory = c.inMemory;
            sync = c.sync;
            workers = c.workers;
            ttlInterval = c.ttlInterval;
            shardRolloverPeriod = c.shardRolloverPeriod;
            daxPort = c.daxPort;
            streamWebhooks = c.streamWebhooks;
            exportDir = c.exportDir;
            security = c.security;
            compatibility = c.compatibility;
            limits = c.limits;
            etcdEndpoints = c.etcdEndpoints;
            replication = c.replication;
            console = c.console;
            transport = c.transport;
            salvageWal = c.salvageWal;
            storageMemory = c.storageMemory;
            etcdPrefix = c.etcdPrefix;
        }

        ServerConfig config() {
            return new ServerConfig(host, port, dataDir, inMemory, sync, workers, ttlInterval, shardRolloverPeriod, daxPort,
                    streamWebhooks, exportDir, security, compatibility, limits, etcdEndpoints,
                    replication, console, transport, salvageWal, storageMemory, etcdPrefix);
        }
    }
}
