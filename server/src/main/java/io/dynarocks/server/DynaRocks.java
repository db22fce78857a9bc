package io.dynarocks.server;

import io.dynarocks.backup.Backups;
import io.dynarocks.console.ConsoleAssets;
import io.dynarocks.dax.DaxCache;
import io.dynarocks.dax.DaxCacheConfig;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.Namespace;
import io.dynarocks.engine.catalog.TransientDelays;
import io.dynarocks.engine.limits.LimitsConfig;
import io.dynarocks.replication.Replication;
import io.dynarocks.security.EncryptedStorage;
import io.dynarocks.security.Security;
import io.dynarocks.security.SecurityConfig;
import io.dynarocks.storage.Storage;
import io.dynarocks.storage.etcd.EtcdStorage;
import io.dynarocks.storage.memory.MemoryStorage;
import io.dynarocks.storage.rocksdb.RocksDbMemory;
import io.dynarocks.storage.rocksdb.RocksDbStorage;
import io.dynarocks.streams.StreamWebhook;
import io.dynarocks.streams.Streams;
import io.dynarocks.ttl.TimeToLive;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A running DynaRocks server: storage, engine and HTTP endpoint. Start one with
 * {@code DynaRocks.builder().inMemory().port(0).start()}; close it to stop and flush.
 */
public final class DynaRocks implements AutoCloseable {

    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;
    /**
     * Unpooled heap buffers. Netty's default (adaptive, pooled) allocator initialises Java Flight
     * Recorder's event classes on its first allocation, ~40 ms of the first request, and the pooled one
     * costs ~40 ms of start-up too; unpooled direct buffers each register a Cleaner. Requests and
     * responses are small and short-lived: heap buffers measured as fast as the pooled ones under load
     * and start ~80 ms sooner (bench/RESULTS.md).
     */
    private static final ByteBufAllocator ALLOCATOR = new UnpooledByteBufAllocator(false);
    /** Native epoll where it loads, else NIO (see NettyTransport). */
    private static final NettyTransport TRANSPORT = NettyTransport.available();

    private final ServerConfig config;
    private final Databases databases;
    /** RocksDB's cache and memtable budget shared by every store of the server; null without RocksDB. */
    private final AutoCloseable storageMemory;
    private final ServerMetrics metrics;
    private final EventLoopGroup group;
    private final ThreadPoolExecutor workers;
    /** The request bytes all connections (both ports) hold between arrival and answer. */
    private final ConnectionGuard.Budget inflight;
    private final Security security;
    /** The main port's path from a signed request to its answer, which in-process callers share. */
    private final Admission admission;
    private final ServerTls tls;
    /** The TLS of the main and DAX-style ports: none when HTTPS has a port of its own. */
    private final ServerTls mainTls;
    private Channel channel;
    private final Channel httpsChannel;
    private final DaxCache dax;
    private final Channel daxChannel;
    private volatile boolean closed;

    private DynaRocks(ServerConfig config, Clock clock, DaxCacheConfig daxConfig) throws InterruptedException {
        this.config = config;
        // RocksDB opens (native library, WAL replay) and the metrics registry is built (Micrometer's and
        // Prometheus' classes, ~35 ms) on threads of their own while this one loads Netty and the engine.
        boolean rocksDb = !config.inMemory() && config.etcdEndpoints().isEmpty();
        this.storageMemory = rocksDb ? rocksDbMemory(config.storageMemory()) : null;
        CompletableFuture<Storage> storage = config.inMemory()
                ? CompletableFuture.completedFuture(new MemoryStorage())
                : CompletableFuture.supplyAsync(() -> rocksDb
                        ? openRocksDb(config.dataDir(), config, storageMemory)
                        : openEtcd(config.etcdEndpoints(), etcdPrefix(config, ""), config.security().encryptionKeyFile()),
                        task -> new Thread(task, "dynarocks-open").start());
        CompletableFuture<ServerMetrics> pendingMetrics = CompletableFuture.supplyAsync(ServerMetrics::new,
                task -> new Thread(task, "dynarocks-metrics").start());
        this.inflight = new ConnectionGuard.Budget(config.transport().inflightBudget());
        AtomicInteger n = new AtomicInteger();
        this.workers = new ThreadPoolExecutor(config.workers(), config.workers(), 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(10_000), r -> {
                    Thread t = new Thread(r, "dynarocks-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.group = new MultiThreadIoEventLoopGroup(Math.min(2, Runtime.getRuntime().availableProcessors()),
                TRANSPORT.ioHandlerFactory());
        Database shared = new Database(Namespace.shared(config.replication().region()),
                opened(storage, pendingMetrics), clock, config);
        config.streamWebhooks().forEach(shared.streams()::webhook);
        this.metrics = pendingMetrics.join();
        RequestListener listener = metrics.listener(shared.registry());
        shared.serve(listener);
        this.databases = new Databases(config.compatibility().databases(), shared,
                namespace -> openDatabase(namespace, config, clock, listener, storageMemory),
                this::knowsAccount);
        Engine engine = shared.engine();
        metrics.beforeScrape(ModuleMeters.ttl(metrics.registry(), shared.timeToLive().sweeper()));
        metrics.beforeScrape(ModuleMeters.tables(metrics.registry(), engine));
        metrics.beforeScrape(ModuleMeters.throttled(metrics.registry(), engine.throughput()));
        metrics.beforeScrape(ModuleMeters.replication(metrics.registry(), shared.replication()));
        ModuleMeters.storage(metrics.registry(), engine.storage());
        try {
            this.security = Security.of(config.security(), clock);
            this.tls = ServerTls.of(config);
            this.mainTls = config.security().httpsPort() == null ? tls : null;
            ConsoleAssets assets = config.console() ? new ConsoleAssets() : null;
            this.admission = new Admission(databases::serving, shared.dispatcher(), security);
            this.channel = bind(config.host(), config.port(), admission, assets, mainTls);
            this.httpsChannel = config.security().httpsPort() == null ? null
                    : bind(config.host(), config.security().httpsPort(), admission, assets, tls);
            if (config.daxPort() != null) {
                this.dax = new DaxCache(engine, daxConfig, clock);
                ModuleMeters.dax(metrics.registry(), dax);
                Dispatcher cached = new Dispatcher(dax, metrics.listener(dax));
                // Each database has a cache of its own, so a caller's cached reads come from its own tables.
                Map<Namespace, Dispatcher> caches = new ConcurrentHashMap<>(Map.of(shared.namespace(), cached));
                this.daxChannel = bind(config.host(), config.daxPort(), new Admission((request, body, key) -> {
                    Routed routed = databases.serving(request, body, key);
                    Database database = routed.database();
                    return routed.through(caches.computeIfAbsent(database.namespace(), namespace ->
                            new Dispatcher(new DaxCache(database.engine(), daxConfig, clock), listener)));
                }, cached, security), null, mainTls);
            } else {
                this.dax = null;
                this.daxChannel = null;
            }
        } catch (RuntimeException | InterruptedException e) {
            shutdownQuietly();
            throw e;
        }
    }

    /** Whether an account has keys: another account's tables are reached only for those. */
    private boolean knowsAccount(String accountId) {
        return security != null && security.knowsAccount(accountId);
    }

    /**
     * Serves each request on {@code port} through {@code admission}; {@code console} the web console's files, null
     * for none.
     */
    private Channel bind(String host, int port, Admission admission, ConsoleAssets console, ServerTls tls)
            throws InterruptedException {
        DynamoHttpHandler handler = new DynamoHttpHandler(admission, workers, metrics::scrape, !config.sync(),
                MAX_BODY_BYTES, tls != null, config.compatibility(), console, config.transport().queueTimeout());
        ConnectionGuard.Refusal refusal = (ctx, action, keepAlive) -> handler.busy(new HttpReply(ctx, keepAlive, null),
                action);
        return new ServerBootstrap()
                .group(group)
                .channel(TRANSPORT.serverChannel())
                .option(ChannelOption.ALLOCATOR, ALLOCATOR)
                .childOption(ChannelOption.ALLOCATOR, ALLOCATOR)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            ch.pipeline().addLast(tls.context().newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("codec", new HttpServerCodec());
                        ConnectionGuard.install(ch.pipeline(), "codec", config.transport(), inflight, MAX_BODY_BYTES,
                                refusal);
                        ch.pipeline().addLast(new HttpObjectAggregator(MAX_BODY_BYTES), handler);
                    }
                })
                .bind(host, port).sync().channel();
    }

    /** The opened storage, or the failure to open it, unwrapped; shuts down what was started so far on failure. */
    private Storage opened(CompletableFuture<Storage> storage, CompletableFuture<ServerMetrics> pendingMetrics)
            throws InterruptedException {
        try {
            return storage.get();
        } catch (ExecutionException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            workers.shutdown();
            pendingMetrics.thenAccept(ServerMetrics::close);
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * The database of a namespace other than the shared one: in memory, or a store of its own in a
     * directory named after the namespace inside the data directory (as DynamoDB Local keeps one file per
     * access key id and region).
     */
    private static Database openDatabase(Namespace namespace, ServerConfig config, Clock clock,
            RequestListener listener, AutoCloseable storageMemory) {
        Storage storage = config.inMemory() ? new MemoryStorage()
                : !config.etcdEndpoints().isEmpty()
                // Under a prefix starting with 0x00, which no key of the shared database starts with.
                ? openEtcd(config.etcdEndpoints(), etcdPrefix(config, "\0ns/" + namespace.directoryName() + "/"),
                        config.security().encryptionKeyFile())
                : openRocksDb(config.dataDir().resolve(namespace.directoryName()), config, storageMemory);
        return new Database(namespace, storage, clock, config).serve(listener);
    }

    // Kept in their own methods so that in-memory servers never load RocksDB classes or its native library.
    private static AutoCloseable rocksDbMemory(long bytes) {
        return RocksDbMemory.of(bytes);
    }

    private static Storage openRocksDb(Path dir, ServerConfig config, AutoCloseable memory) {
        return encrypted(RocksDbStorage.open(dir, config.sync(), config.salvageWal(), (RocksDbMemory) memory),
                config.security().encryptionKeyFile());
    }

    /** The etcd key prefix of one of the server's stores: {@code store} under the deployment's prefix. */
    private static byte[] etcdPrefix(ServerConfig config, String store) {
        return (config.etcdPrefix() + store).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static Storage openEtcd(java.util.List<URI> endpoints, byte[] prefix, Path encryptionKeyFile) {
        return encrypted(EtcdStorage.open(endpoints, prefix), encryptionKeyFile);
    }

    /** {@code store} encrypted under the key in {@code keyFile} (as it is without one); closed if that fails. */
    private static Storage encrypted(Storage store, Path keyFile) {
        try {
            return EncryptedStorage.wrap(store, keyFile);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a server with {@code config}. */
    public static DynaRocks start(ServerConfig config) {
        return start(config, Clock.systemUTC(), DaxCacheConfig.defaults());
    }

    static DynaRocks start(ServerConfig config, Clock clock, DaxCacheConfig daxConfig) {
        try {
            return new DynaRocks(config, clock, daxConfig);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        }
    }

    /** The HTTP endpoint to give an AWS SDK client, e.g. {@code http://127.0.0.1:8000}. */
    public URI endpoint() {
        InetSocketAddress address = (InetSocketAddress) channel.localAddress();
        String host = address.getAddress().isAnyLocalAddress() ? "127.0.0.1" : address.getHostString();
        return URI.create(scheme() + host + ":" + address.getPort());
    }

    private String scheme() {
        return mainTls == null ? "http://" : "https://";
    }

    /** The HTTPS endpoint next to the plain HTTP {@link #endpoint()}; only when started with an HTTPS port. */
    public URI httpsEndpoint() {
        if (httpsChannel == null) {
            throw new IllegalStateException("started without an HTTPS port");
        }
        InetSocketAddress address = (InetSocketAddress) httpsChannel.localAddress();
        return URI.create("https://" + endpoint().getHost() + ":" + address.getPort());
    }

    /** The certificate (PEM) the server presents over TLS, for clients to trust; empty without TLS. */
    public java.util.Optional<Path> tlsCertificate() {
        return tls == null ? java.util.Optional.empty() : java.util.Optional.of(tls.certificate());
    }

    /** The DAX-style cache endpoint; only when started with a DAX port. */
    public URI daxEndpoint() {
        if (daxChannel == null) {
            throw new IllegalStateException("started without a DAX port");
        }
        InetSocketAddress address = (InetSocketAddress) daxChannel.localAddress();
        return URI.create(scheme() + endpoint().getHost() + ":" + address.getPort());
    }

    /** The DAX-style cache (its statistics); only when started with a DAX port. */
    public DaxCache dax() {
        if (dax == null) {
            throw new IllegalStateException("started without a DAX port");
        }
        return dax;
    }

    /** The Netty transport serving the sockets: epoll where its native library loads, else NIO. */
    public NettyTransport transport() {
        return TRANSPORT;
    }

    public int port() {
        return ((InetSocketAddress) channel.localAddress()).getPort();
    }

    public ServerConfig config() {
        return config;
    }

    /**
     * The dispatcher, for in-process callers that skip the socket. It checks no signature: with authentication on
     * ({@link #authenticates()}) in-process callers go through {@link #serve} instead.
     */
    public Dispatcher dispatcher() {
        return databases.shared().dispatcher();
    }

    /** Whether every request must be signed with a key of the server's credentials ({@code --auth}). */
    public boolean authenticates() {
        return security != null;
    }

    /**
     * Answers {@code request} (its body not content-encoded) in the calling thread exactly as the main port would:
     * its signature verified, routed to the signing account's tables, authorized by its policies, audited.
     * {@code address} is the host and port the caller addressed, as in {@code Host}.
     */
    public Dispatcher.Reply serve(io.dynarocks.security.SignedRequest request, String address) {
        return admission.serve(request, address);
    }

    /** DynamoDB Streams of this server, for in-process subscribers ({@code streams().subscribe(...)}). */
    public Streams streams() {
        return databases.shared().streams();
    }

    /** The backup module: backups, point-in-time recovery, exports and imports. */
    public Backups backups() {
        return databases.shared().backups();
    }

    /** Global tables: this server's region, its peers and the replication state of each replica. */
    public Replication replication() {
        return databases.shared().replication();
    }

    /** The TTL module: its sweeper counts the items deleted by TTL per table. */
    public TimeToLive timeToLive() {
        return databases.shared().timeToLive();
    }

    /** The metrics registry served on {@code GET /metrics}; modules bind their meters to it. */
    public io.micrometer.core.instrument.MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    /** Stops accepting requests, lets running ones finish, then flushes and closes the store. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        channel.close().awaitUninterruptibly();
        if (httpsChannel != null) {
            httpsChannel.close().awaitUninterruptibly();
        }
        if (daxChannel != null) {
            daxChannel.close().awaitUninterruptibly();
        }
        shutdownQuietly();
    }

    private void shutdownQuietly() {
        databases.all().forEach(Database::stopStreams);
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
        workers.shutdown();
        try {
            workers.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (security != null) {
            security.close();
        }
        databases.close();
        if (storageMemory != null) {
            try {
                storageMemory.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        metrics.close();
    }

    /** Builds an embedded server: in memory or on a directory, on a fixed or free port. */
    public static final class Builder {
        private ServerConfig config = ServerConfig.defaults();
        private Clock clock = Clock.systemUTC();
        private DaxCacheConfig daxConfig = DaxCacheConfig.defaults();

        public Builder inMemory() {
            config = config.withInMemory(true);
            return this;
        }

        /** Keeps the data in the etcd cluster reachable through {@code endpoints}, shared with other servers on it. */
        public Builder etcd(java.util.List<URI> endpoints) {
            config = config.withInMemory(false).withEtcdEndpoints(endpoints);
            return this;
        }

        /** Keeps every etcd key under {@code prefix}: only servers given the same prefix share tables. */
        public Builder etcdPrefix(String prefix) {
            config = config.withEtcdPrefix(prefix);
            return this;
        }

        public Builder dataDir(Path dir) {
            config = config.withDataDir(dir);
            return this;
        }

        /** The port to listen on; 0 picks a free one. */
        public Builder port(int port) {
            config = config.withPort(port);
            return this;
        }

        public Builder host(String host) {
            config = config.withHost(host);
            return this;
        }

        public Builder sync(boolean sync) {
            config = config.withSync(sync);
            return this;
        }

        public Builder ttlInterval(java.time.Duration interval) {
            config = config.withTtlInterval(interval);
            return this;
        }

        public Builder shardRolloverPeriod(java.time.Duration period) {
            config = config.withShardRolloverPeriod(period);
            return this;
        }

        /**
         * POSTs every batch of {@code table}'s stream to {@code url} as Lambda's DynamoDB event JSON, with
         * {@link StreamWebhook#DEFAULT_OPTIONS}; the table and its stream may be created later.
         */
        public Builder streamWebhook(String table, URI url) {
            return streamWebhook(new StreamWebhook(table, url, StreamWebhook.DEFAULT_OPTIONS));
        }

        /** A stream webhook with its own batch size, starting position and retry policy. */
        public Builder streamWebhook(StreamWebhook webhook) {
            config = config.withStreamWebhook(webhook);
            return this;
        }

        /**
         * One database for every request ({@link DatabaseLayout#SHARED}, the default), or one per access key id
         * and region, as DynamoDB Local without {@code -sharedDb}.
         */
        public Builder databases(DatabaseLayout layout) {
            config = config.withCompatibility(config.compatibility().withDatabases(layout));
            return this;
        }

        /**
         * Tables, indexes and Time to Live pass through CREATING, UPDATING, DELETING, ENABLING and DISABLING for
         * these delays before they settle, so code that waits for them is exercised
         * ({@link TransientDelays#REALISTIC} is DynamoDB Local's {@code -delayTransientStatuses}).
         */
        public Builder transientStatusDelays(TransientDelays delays) {
            config = config.withCompatibility(config.compatibility().withTransientDelays(delays));
            return this;
        }

        /** The region this server stands for in ARNs and global tables (default {@code us-east-1}). */
        public Builder region(String region) {
            config = config.withReplication(config.replication().withRegion(region));
            return this;
        }

        /** A peer region whose server answers at {@code endpoint}, for global tables' replicas. Repeatable. */
        public Builder peer(String region, URI endpoint) {
            config = config.withReplication(config.replication().withPeer(region, endpoint));
            return this;
        }

        /**
         * Signs the calls to every peer (that has no key of its own) with this key, for peers that require
         * signed requests.
         */
        public Builder peerCredentials(String accessKeyId, String secret) {
            return peerCredentials(io.dynarocks.replication.ReplicationConfig.ANY_PEER, accessKeyId, secret);
        }

        /** Signs the calls to peer {@code region} with this key. */
        public Builder peerCredentials(String region, String accessKeyId, String secret) {
            config = config.withReplication(config.replication().withCredentials(region,
                    new io.dynarocks.replication.PeerCredentials(accessKeyId, secret)));
            return this;
        }

        /** Request and idle timeouts and the in-flight request memory (see {@link TransportLimits}). */
        public Builder transportLimits(TransportLimits limits) {
            config = config.withTransport(limits);
            return this;
        }

        /** The folder standing for S3 in ExportTableToPointInTime and ImportTable (default {@code ./exports}). */
        public Builder exportDir(Path dir) {
            config = config.withExportDir(dir);
            return this;
        }

        /** Serve the web console at {@code /console} on the main port (on by default). */
        public Builder console(boolean enabled) {
            config = config.withConsole(enabled);
            return this;
        }

        /** Also serve the DAX-style cache endpoint on {@code port} (0 picks a free one). */
        public Builder daxPort(int port) {
            config = config.withDaxPort(port);
            return this;
        }

        /** Time to live and size bounds of the DAX-style caches. */
        public Builder daxCache(DaxCacheConfig cacheConfig) {
            this.daxConfig = cacheConfig;
            return this;
        }

        /**
         * Requires every request to be signed (SigV4) with a key of the credentials file {@code file}; see
         * the README's Security section for its format.
         */
        public Builder auth(Path file) {
            config = config.withSecurity(config.security().withAuthFile(file));
            return this;
        }

        /**
         * Requires every request to be signed; accepts {@code accessKeyId}/{@code secret} as a key of the
         * default account with full access. Repeatable.
         */
        public Builder authKey(String accessKeyId, String secret) {
            config = config.withSecurity(config.security().withAuthKey(accessKeyId + ":" + secret));
            return this;
        }

        /** As {@link #authKey(String, String)}, with the IAM identity policy in {@code policyFile}. */
        public Builder authKey(String accessKeyId, String secret, Path policyFile) {
            config = config.withSecurity(config.security().withAuthKey(accessKeyId + ":" + secret + ":" + policyFile));
            return this;
        }

        /** Serves HTTPS with a self-signed certificate generated on first start and kept in the data directory. */
        public Builder tls() {
            config = config.withSecurity(config.security().withTls(true));
            return this;
        }

        /** Serves HTTPS with this PEM certificate chain and PKCS#8 PEM private key. */
        public Builder tls(Path certificate, Path privateKey) {
            config = config.withSecurity(config.security().withTls(certificate, privateKey));
            return this;
        }

        /**
         * Serves HTTPS on {@code port} (0: a free one, see {@link DynaRocks#httpsEndpoint()}) while the main and
         * DAX-style ports stay plain HTTP; with the certificate {@code tls(...)}/{@code tlsKeystore(...)} give, or
         * a self-signed one.
         */
        public Builder httpsPort(int port) {
            config = config.withSecurity(config.security().withHttpsPort(port));
            return this;
        }

        /**
         * Serves HTTPS with the private key and certificate chain of this PKCS#12 or JKS key store, whose
         * password (also the key's) is {@code password}.
         */
        public Builder tlsKeystore(Path keystore, String password) {
            config = config.withSecurity(config.security().withTlsKeystore(keystore, password));
            return this;
        }

        /**
         * Encrypts stored values with AES-256-GCM under the 256-bit key in {@code keyFile} (base64 or hex);
         * a persistent store only.
         */
        public Builder encryptionKeyFile(Path keyFile) {
            config = config.withSecurity(config.security().withEncryptionKeyFile(keyFile));
            return this;
        }

        /** Appends one JSON line per request (who, what, outcome; never item contents) to {@code file}. */
        public Builder auditLog(Path file) {
            config = config.withSecurity(config.security().withAuditLog(file));
            return this;
        }

        /** The security options all at once. */
        public Builder security(SecurityConfig security) {
            config = config.withSecurity(security);
            return this;
        }

        /** Enforces DynamoDB's throughput limits and account quotas at their default values (the CLI's {@code --limits}). */
        public Builder limits() {
            return limits(LimitsConfig.aws());
        }

        /** Enforces these limits, or none when they are not enabled. */
        public Builder limits(LimitsConfig limits) {
            config = config.withLimits(limits);
            return this;
        }

        /** The clock the engine uses (creation times, TTL expiry, stream retention, throughput limits). */
        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        public DynaRocks start() {
            return DynaRocks.start(config, clock, daxConfig);
        }
    }
}
