package io.dynarocks.server;

import io.dynarocks.security.SecurityConfig;
import io.dynarocks.streams.StreamWebhook;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code dynarocks} command: starts a server and runs until SIGTERM or Ctrl-C. */
@Command(name = "dynarocks", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "A DynamoDB-compatible database server on RocksDB.")
public final class Main implements Callable<Integer> {

    @Option(names = "--port", description = "Port to listen on (default: ${DEFAULT-VALUE}).")
    int port = ServerConfig.DEFAULT_PORT;

    @Option(names = "--host", description = "Address to bind; 0.0.0.0 for all interfaces (default: ${DEFAULT-VALUE}).")
    String host = "127.0.0.1";

    @Option(names = "--data-dir", description = "Directory of the RocksDB store (default: ${DEFAULT-VALUE}).")
    Path dataDir = Path.of("data");

    @Option(names = "--export-dir", description = "Folder standing for S3 in ExportTableToPointInTime and "
            + "ImportTable: one sub-folder per bucket (default: ${DEFAULT-VALUE}).")
    Path exportDir = ServerConfig.defaults().exportDir();

    @Option(names = "--in-memory", description = "Keep all data in memory; nothing is written to disk.")
    boolean inMemory;

    @Option(names = "--dax-port",
            description = "Also serve a DAX-style cached endpoint (item and query cache) on this port.")
    Integer daxPort;

    @Option(names = "--sync", description = "fsync every write, so acknowledged writes survive a machine crash.")
    boolean sync;

    @Option(names = "--ttl-interval", converter = DurationConverter.class,
            description = "How often expired items are looked for and deleted, e.g. 500ms, 1s, PT2S (default: 1s).")
    Duration ttlInterval = Duration.ofSeconds(1);

    @Option(names = "--shard-rollover", converter = DurationConverter.class,
            description = "How long a stream shard stays open before it is closed and succeeded (default: 4h).")
    Duration shardRollover = ServerConfig.defaults().shardRolloverPeriod();

    @Option(names = "--stream-webhook", paramLabel = "TABLE=URL", converter = StreamWebhookConverter.class,
            description = "POST each batch of TABLE's stream to URL as Lambda's DynamoDB event JSON "
                    + "(repeatable; the table may be created later).")
    List<StreamWebhook> streamWebhooks = new ArrayList<>();

    @Option(names = "--auth", paramLabel = "FILE",
            description = "Require SigV4-signed requests from the accounts and keys of this JSON credentials file.")
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

    @Option(names = "--encryption-key-file", paramLabel = "FILE", description = "Encrypt stored values "
            + "(AES-256-GCM) with the 256-bit key in FILE, base64 or hex; key bytes stay in clear (see README).")
    Path encryptionKeyFile;

    @Option(names = "--audit-log", paramLabel = "FILE", description = "Append one JSON line per request (time, "
            + "account, key, action, resources, outcome; never item contents) to FILE; needs --auth or --auth-key.")
    Path auditLog;

    @Option(names = "--startup-training", hidden = true,
            description = "Start, answer a few requests (see StartupTraining), stop: the build's CDS training run.")
    boolean startupTraining;

    public static void main(String[] args) {
        // The CLI's own quiet logging setup; embedding applications keep theirs.
        if (System.getProperty("logback.configurationFile") == null) {
            CliLogging.enable();
        }
        int code = new CommandLine(new Main()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        ServerConfig config = ServerConfig.defaults().withHost(host).withPort(port).withDataDir(dataDir)
                .withInMemory(inMemory).withSync(sync).withTtlInterval(ttlInterval).withDaxPort(daxPort)
                .withShardRolloverPeriod(shardRollover).withExportDir(exportDir);
        SecurityConfig security = SecurityConfig.none().withAuthFile(authFile).withTls(tlsCert, tlsKey)
                .withTls(tls || tlsCert != null).withEncryptionKeyFile(encryptionKeyFile)
                .withAuditLog(auditLog);
        for (String key : authKeys) {
            security = security.withAuthKey(key);
        }
        config = config.withSecurity(security);
        for (StreamWebhook webhook : streamWebhooks) {
            config = config.withStreamWebhook(webhook);
        }
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
                + (inMemory ? " (in memory)" : " (data in " + dataDir.toAbsolutePath() + ")")
                + (daxPort != null ? ", DAX-style cache on " + server.daxEndpoint() : "")
                + server.tlsCertificate().map(c -> ", TLS certificate " + c.toAbsolutePath()).orElse("")
                + ", " + server.transport().label() + " transport");
        System.out.flush();
        IdleHeap.enableInBackground();
        stopped.await();
        return 0;
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
