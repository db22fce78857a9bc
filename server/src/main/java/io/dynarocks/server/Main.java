package io.dynarocks.server;

import io.dynarocks.engine.catalog.TransientDelays;
import io.dynarocks.engine.limits.LimitsConfig;
import io.dynarocks.replication.PeerCredentials;
import io.dynarocks.replication.ReplicationConfig;
import io.dynarocks.security.SecurityConfig;
import io.dynarocks.storage.StorageException;
import io.dynarocks.streams.StreamWebhook;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code dynarocks} command: starts a server and runs until SIGTERM or Ctrl-C. */
@Command(name = "dynarocks", versionProvider = Main.Version.class,
        description = {"A DynamoDB-compatible database server on RocksDB.",
                "DynamoDB Local's options (-port, -inMemory, -dbPath, -sharedDb, -delayTransientStatuses, "
                        + "-optimizeDbBeforeStartup, -cors, -disableTelemetry, -help) are accepted with their meaning, "
                        + "and a command line written with them gets DynamoDB Local's defaults: a database per access "
                        + "key id and region unless -sharedDb. JVM arguments such as -Djava.library.path=... and "
                        + "-jar DynamoDBLocal.jar are ignored."})
public final class Main implements Callable<Integer> {

    @Option(names = {"-h", "--help", "-help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-V", "--version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    @Option(names = {"--port", "-port"}, description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--host", description = "Address to bind; 0.0.0.0 for all interfaces (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = {"--data-dir", "-dbPath"},
            description = "Directory of the RocksDB store (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("data");

    @Option(names = "--export-dir", description = "Folder standing for S3 in ExportTableToPointInTime and "
            + "ImportTable: one sub-folder per bucket (default: ${DEFAULT-VALUE}).")
    Path exportDir = ServerConfig.defaults().exportDir();

    @Option(names = {"--in-memory", "-inMemory"}, description = "Keep all data in memory; nothing is written to disk.")
    boolean inMemory;

    @Option(names = "--storage", paramLabel = "ENGINE", description = "Where the data lives: rocksdb (in "
            + "--data-dir), memory (as --in-memory) or etcd (an etcd 3.4+ cluster given by --etcd-endpoints, shared "
            + "by every server pointed at it) (default: ${DEFAULT-VALUE}).")
    String storage = "rocksdb";

    @Option(names = "--etcd-endpoints", paramLabel = "URL[,URL...]", split = ",",
            description = "Client URLs of the etcd cluster for --storage etcd, e.g. http://127.0.0.1:2379.")
    List<java.net.URI> etcdEndpoints = new ArrayList<>();

    @Option(names = "--etcd-prefix", paramLabel = "PREFIX", description = "Keep every etcd key under PREFIX (ending "
            + "with /), so several deployments share one etcd cluster: servers see the tables of servers given the "
            + "same prefix only (default: none, the whole key space).")
    String etcdPrefix = "";

    @Option(names = "--dax-port",
            description = "Also serve a DAX-style cached endpoint (item and query cache) on this port.")
    Integer daxPort;

    @Option(names = "--no-console", description = "Do not serve the web console at /console.")
    boolean noConsole;

    @Option(names = "--sync", description = "fsync every write, so acknowledged writes survive a machine crash.")
    boolean sync;

    @Option(names = "--salvage-wal", description = "Start on a data directory whose write-ahead log is damaged "
            + "(the server refuses it otherwise): keep the writes before the damage, drop the ones after it.")
    boolean salvageWal;

    @Option(names = "--ttl-interval", converter = DurationConverter.class,
            description = "How often expired items are looked for and deleted, e.g. 500ms, 1s, PT2S (default: 1s).")
    Duration ttlInterval = Duration.ofSeconds(1);

    @Option(names = "--shard-rollover", converter = DurationConverter.class,
            description = "How long a stream shard stays open before it is closed and succeeded (default: 4h).")
    Duration shardRollover = ServerConfig.defaults().shardRolloverPeriod();

    @Option(names = "--request-timeout", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Disconnect a client whose request has not fully arrived this long after its first byte "
                    + "(slow-loris clients; default: 30s).")
    Duration requestTimeout = TransportLimits.defaults().requestTimeout();

    @Option(names = "--idle-timeout", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Close a connection that has had no request for this long (default: 120s).")
    Duration idleTimeout = TransportLimits.defaults().idleTimeout();

    @Option(names = "--queue-timeout", converter = DurationConverter.class, paramLabel = "DURATION",
            description = "Answer 503 ServiceUnavailable, unexecuted, to a request that has waited this long for a "
                    + "worker (all busy, e.g. on a slow disk; default: 10s).")
    Duration queueTimeout = TransportLimits.defaults().queueTimeout();

    @Option(names = "--inflight-memory", converter = SizeConverter.class, paramLabel = "SIZE",
            description = "Bytes of requests all connections together may hold, received and not yet answered; "
                    + "beyond it requests are answered 503 ServiceUnavailable (default: a quarter of the heap).")
    long inflightMemory = TransportLimits.defaults().inflightBytes();

    @Option(names = "--storage-memory", converter = SizeConverter.class, paramLabel = "SIZE",
            description = "RocksDB block cache and memtables of all the server's stores together (default: 96MB; "
                    + "at least 16MB).")
    long storageMemory = ServerConfig.defaults().storageMemory();

    @Option(names = "--stream-webhook", paramLabel = "TABLE=URL", converter = StreamWebhookConverter.class,
            description = "POST each batch of TABLE's stream to URL as Lambda's DynamoDB event JSON "
                    + "(repeatable; the table may be created later).")
    List<StreamWebhook> streamWebhooks = new ArrayList<>();

    @Option(names = "--region", description = "The region this server stands for in ARNs and global tables "
            + "(default: ${DEFAULT-VALUE}).")
    String region = ReplicationConfig.DEFAULT_REGION;

    @Option(names = "--peer", paramLabel = "REGION=URL", description = "A peer region and the endpoint of its "
            + "server, to which global tables can add replicas. Repeatable.")
    Map<String, URI> peers = new LinkedHashMap<>();

    @Option(names = "--peer-credentials", paramLabel = "[REGION=]ACCESS_KEY:SECRET", description = "Sign the calls "
            + "to peers (to peer REGION only, when given) with this key (SigV4), for peers started with --auth or "
            + "--auth-key. Repeatable.")
    List<String> peerCredentials = new ArrayList<>();

    @Option(names = "--auth", paramLabel = "FILE",
            description = "Require SigV4-signed requests from the accounts and keys of this JSON or YAML "
                    + "credentials file.")
    Path authFile;

    @Option(names = "--auth-key", paramLabel = "ACCESS_KEY:SECRET[:POLICY_FILE]",
            description = "Require SigV4-signed requests; accept this key of the default account, with the IAM "
                    + "policy in POLICY_FILE or full access (repeatable).")
    List<String> authKeys = new ArrayList<>();

    @Option(names = "--tls", description = "Serve HTTPS; without --tls-cert, with a self-signed certificate "
            + "generated on first start and kept in the data directory (tls/dynarocks-cert.pem).")
    boolean tls;

    @Option(names = "--tls-cert", paramLabel = "PEM", description = "Serve HTTPS with this certificate chain.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "PEM", description = "The PKCS#8 private key of --tls-cert.")
    Path tlsKey;

    @Option(names = "--https-port", paramLabel = "PORT", description = "Also serve HTTPS on this port (0: a free "
            + "one) while --port stays plain HTTP; with --tls-cert/--tls-key, --tls-keystore or a self-signed "
            + "certificate.")
    Integer httpsPort;

    @Option(names = "--tls-keystore", paramLabel = "FILE", description = "Serve HTTPS with the key and certificate "
            + "chain of this PKCS#12 or JKS key store, instead of --tls-cert and --tls-key.")
    Path tlsKeystore;

    @Option(names = "--tls-keystore-password", paramLabel = "PASSWORD", description = "The password of "
            + "--tls-keystore (and of its key); by default the environment variable "
            + ServerTls.KEYSTORE_PASSWORD_VARIABLE + ", which keeps it off the command line.")
    String tlsKeystorePassword;

    @Option(names = "--encryption-key-file", paramLabel = "FILE", description = "Encrypt stored values "
            + "(AES-256-GCM) with the 256-bit key on FILE's first line, base64 or hex; keys on further lines are "
            + "previous keys, still read and re-encrypted in the background (key rotation); key bytes stay in "
            + "clear (see README).")
    Path encryptionKeyFile;

    @Option(names = "--audit-log", paramLabel = "FILE", description = "Append one JSON line per request (time, "
            + "account, key, action, resources, outcome; never item contents) to FILE; needs --auth or --auth-key.")
    Path auditLog;

    @Option(names = "--databases", paramLabel = "shared|per-credential", converter = LayoutConverter.class,
            description = "shared: one database for every request; per-credential: one per access key id and "
                    + "region, as DynamoDB Local without -sharedDb (default: shared, or per-credential for a "
                    + "DynamoDB Local command line without -sharedDb).")
    DatabaseLayout databases;

    @Option(names = "-sharedDb", description = "DynamoDB Local: one database for every credential and region "
            + "(--databases shared).")
    boolean sharedDb;

    @Option(names = {"--cors", "-cors"}, paramLabel = "ORIGINS", split = ",",
            description = "Comma-separated origins whose browser pages may call the server (default: *, any).")
    List<String> corsOrigins = new ArrayList<>(List.of("*"));

    @Option(names = "-delayTransientStatuses", description = "DynamoDB Local: tables, indexes, Time to Live and "
            + "replicas pass through CREATING, UPDATING, DELETING, ENABLING and DISABLING for realistic delays (tables "
            + "2s, indexes 5s, ttl 2s, replicas 5s), so code that waits for them is exercised.")
    boolean delayTransientStatuses;

    @Option(names = "--transient-status-delay", paramLabel = "[table|index|ttl|replica=]DURATION",
            description = "How long tables, indexes, Time to Live or replicas stay CREATING, UPDATING, DELETING, "
                    + "ENABLING or DISABLING, for all (2s) or one kind (index=5s); repeatable, after -delayTransientStatuses' "
                    + "values if both are given (default: 0, changes settle at once).")
    List<String> transientStatusDelays = new ArrayList<>();

    @Option(names = "-optimizeDbBeforeStartup", description = "DynamoDB Local: accepted; RocksDB compacts its "
            + "files in the background, so there is nothing to do before start-up.")
    boolean optimizeDbBeforeStartup;

    @Option(names = "-disableTelemetry", description = "DynamoDB Local: accepted; DynaRocks sends no telemetry.")
    boolean disableTelemetry;

    @Spec
    CommandSpec spec;

    /** What the command line held besides the options (set by {@link #main}). */
    private DynamoDbLocalArguments arguments = DynamoDbLocalArguments.of();

    @Option(names = "--limits", description = "Enforce DynamoDB's production limits: provisioned and on-demand "
            + "throughput per table, index and partition (throttling), and account quotas.")
    boolean limits;

    @Option(names = "--limit", paramLabel = "NAME=VALUE", description = "Change one quota of --limits (repeatable): "
            + LimitsConfig.NAMES + ".")
    Map<String, Long> limitValues = new LinkedHashMap<>();

    @Option(names = "--startup-training", hidden = true,
            description = "Start, answer a few requests (see StartupTraining), stop: the build's CDS training run.")
    boolean startupTraining;

    public static void main(String[] args) {
        // The CLI's own quiet logging setup; embedding applications keep theirs.
        if (System.getProperty("logback.configurationFile") == null) {
            CliLogging.enable();
        }
        DynamoDbLocalArguments arguments = DynamoDbLocalArguments.of(args);
        List<String> jvmOptions = arguments.dropped().stream().filter(a -> a.startsWith("-X")).toList();
        if (!jvmOptions.isEmpty()) {
            System.err.println("Ignoring JVM options " + jvmOptions + " given after the image or jar: the JVM is "
                    + "already running (give them in JAVA_TOOL_OPTIONS).");
        }
        int code = command(args).execute(arguments.options().toArray(String[]::new));
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * The command for {@code args}. An option given twice keeps its last value, so an image's entrypoint
     * can give defaults ({@code --port 8000}) that the arguments after the image name override ({@code -port 8001}).
     */
    static CommandLine command(String... args) {
        Main main = new Main();
        main.arguments = DynamoDbLocalArguments.of(args);
        return new CommandLine(main).setOverwrittenOptionsAllowed(true).setExecutionExceptionHandler(Main::startFailure);
    }

    /** The configuration the options describe. */
    ServerConfig config() {
        if (arguments.inMemoryAndDbPath()) {
            // DynamoDB Local's own refusal.
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "You cannot specify both -dbPath and -inMemory at once.");
        }
        DatabaseLayout layout = sharedDb ? DatabaseLayout.SHARED
                : databases != null ? databases
                : arguments.dynamoDbLocal() ? DatabaseLayout.PER_CREDENTIAL : DatabaseLayout.SHARED;
        switch (storage) {
            case "rocksdb" -> { }
            case "memory" -> inMemory = true;
            case "etcd" -> {
                if (etcdEndpoints.isEmpty()) {
                    throw new CommandLine.ParameterException(spec.commandLine(), "--storage etcd needs --etcd-endpoints");
                }
            }
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "--storage must be rocksdb, memory or etcd, not " + storage);
        }
        if (storageMemory < io.dynarocks.storage.rocksdb.RocksDbMemory.MIN_BYTES) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--storage-memory must be at least 16MB");
        }
        if (!storage.equals("etcd") && !etcdEndpoints.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--etcd-endpoints needs --storage etcd");
        }
        if (!etcdPrefix.isEmpty() && (!storage.equals("etcd") || !etcdPrefix.endsWith("/"))) {
            // Without the final "/" one deployment's keys would include another's ("a" and "ab").
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--etcd-prefix needs --storage etcd and must end with /");
        }
        ServerConfig config = ServerConfig.defaults().withHost(host).withPort(port).withDataDir(dataDir)
                .withInMemory(inMemory).withSync(sync).withTtlInterval(ttlInterval).withDaxPort(daxPort)
                .withShardRolloverPeriod(shardRollover).withExportDir(exportDir)
                .withSalvageWal(salvageWal).withEtcdEndpoints(etcdEndpoints).withEtcdPrefix(etcdPrefix)
                .withConsole(!noConsole)
                .withCompatibility(CompatibilityOptions.defaults().withDatabases(layout).withCorsOrigins(corsOrigins)
                        .withTransientDelays(transientDelays()))
                .withTransport(TransportLimits.defaults().withRequestTimeout(requestTimeout).withIdleTimeout(idleTimeout)
                        .withInflightBytes(inflightMemory).withQueueTimeout(queueTimeout))
                .withStorageMemory(storageMemory);
        SecurityConfig security = SecurityConfig.none().withAuthFile(authFile).withTls(tlsCert, tlsKey)
                .withTls(tls || tlsCert != null).withEncryptionKeyFile(encryptionKeyFile)
                .withTlsKeystore(tlsKeystore, keystorePassword(System.getenv()))
                .withHttpsPort(httpsPort)
                .withAuditLog(auditLog);
        for (String key : authKeys) {
            security = security.withAuthKey(key);
        }
        config = config.withSecurity(security);
        LimitsConfig limitsConfig = LimitsConfig.aws().withEnabled(limits);
        for (Map.Entry<String, Long> e : limitValues.entrySet()) {
            try {
                limitsConfig = limitsConfig.with(e.getKey(), e.getValue());
            } catch (IllegalArgumentException bad) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--limit: " + bad.getMessage());
            }
        }
        config = config.withLimits(limitsConfig);
        ReplicationConfig replication = ReplicationConfig.defaults().withRegion(region);
        for (Map.Entry<String, URI> peer : peers.entrySet()) {
            replication = replication.withPeer(peer.getKey(), peer.getValue());
        }
        for (String value : peerCredentials) {
            int eq = value.indexOf('=');
            int colon = value.indexOf(':');
            boolean scoped = eq > 0 && (colon < 0 || eq < colon);
            try {
                replication = replication.withCredentials(scoped ? value.substring(0, eq) : ReplicationConfig.ANY_PEER,
                        PeerCredentials.parse(scoped ? value.substring(eq + 1) : value));
            } catch (IllegalArgumentException bad) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--peer-credentials: " + bad.getMessage());
            }
        }
        config = config.withReplication(replication);
        for (StreamWebhook webhook : streamWebhooks) {
            config = config.withStreamWebhook(webhook);
        }
        return config;
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = config();
        DynaRocks server = DynaRocks.start(config);
        if (startupTraining) {
            try (server) {
                StartupTraining.run(server.endpoint());
            }
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "dynarocks-shutdown"));
        System.out.println("DynaRocks listening on " + server.endpoint()
                + (inMemory ? " (in memory)" : !etcdEndpoints.isEmpty() ? " (data in etcd at " + etcdEndpoints + ")"
                        : " (data in " + dataDir.toAbsolutePath() + ")")
                + (httpsPort != null ? ", HTTPS on " + server.httpsEndpoint() : "")
                + (daxPort != null ? ", DAX-style cache on " + server.daxEndpoint() : "")
                + server.tlsCertificate().map(c -> ", TLS certificate " + c.toAbsolutePath()).orElse("")
                + (config.compatibility().databases() == DatabaseLayout.PER_CREDENTIAL
                        ? ", a database per access key id and region" : "")
                + ", " + server.transport().label() + " transport"
                + (peers.isEmpty() && region.equals(ReplicationConfig.DEFAULT_REGION) ? ""
                        : ", region " + region + (peers.isEmpty() ? "" : " with peers " + peers.keySet()))
                + (config.console() ? "; web console at " + server.endpoint() + "/console" : ""));
        System.out.flush();
        IdleHeap.enableInBackground();
        stopped.await();
        return 0;
    }

    /** {@code --tls-keystore-password}, else the environment's {@value ServerTls#KEYSTORE_PASSWORD_VARIABLE}. */
    String keystorePassword(Map<String, String> environment) {
        return tlsKeystorePassword != null ? tlsKeystorePassword
                : environment.get(ServerTls.KEYSTORE_PASSWORD_VARIABLE);
    }

    private TransientDelays transientDelays() {
        TransientDelays delays = delayTransientStatuses ? TransientDelays.REALISTIC : TransientDelays.NONE;
        DurationConverter durations = new DurationConverter();
        for (String value : transientStatusDelays) {
            int eq = value.indexOf('=');
            try {
                delays = eq < 0 ? TransientDelays.all(durations.convert(value))
                        : delays.with(value.substring(0, eq).trim(), durations.convert(value.substring(eq + 1)));
            } catch (IllegalArgumentException | CommandLine.TypeConversionException e) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "Invalid value for option '--transient-status-delay': " + e.getMessage());
            }
        }
        return delays;
    }

    /** {@code shared} or {@code per-credential}, in any case. */
    static final class LayoutConverter implements CommandLine.ITypeConverter<DatabaseLayout> {
        @Override
        public DatabaseLayout convert(String value) {
            try {
                return DatabaseLayout.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("expected shared or per-credential: " + value);
            }
        }
    }

    /**
     * A data directory the server cannot use is told in one line (what is wrong, what to do), not as a
     * stack trace; anything else keeps picocli's report.
     */
    private static int startFailure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) throws Exception {
        if (!(e instanceof StorageException)) {
            throw e;
        }
        String advice = e instanceof StorageException.Corruption
                ? ". If the damage is in the write-ahead log (a disk or machine failure), --salvage-wal starts with "
                        + "the writes before it and drops the ones after it; otherwise restore the directory from a copy."
                : "";
        cmd.getErr().println("dynarocks: cannot start: " + e.getMessage() + advice);
        cmd.getErr().flush();
        return 2;
    }

    /** Reads the version from the jar manifest. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"dynarocks " + (v == null ? "development" : v)};
        }
    }
}
