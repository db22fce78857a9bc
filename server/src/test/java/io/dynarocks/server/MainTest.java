package io.dynarocks.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.engine.catalog.TransientDelays;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {

    /** The configuration {@code args} would start, as {@link Main#main} parses them. */
    private static ServerConfig config(String... args) {
        CommandLine command = Main.command(args);
        command.parseArgs(DynamoDbLocalArguments.of(args).options().toArray(String[]::new));
        return ((Main) command.getCommand()).config();
    }

    @Test
    void tlsKeystorePasswordComesFromTheOptionOrElseTheEnvironmentAndIsNeverShown() {
        String[] args = {"--tls-keystore", "/tmp/server.p12", "--tls-keystore-password", "opt-pass"};
        ServerConfig config = config(args);
        assertThat(config.security().tlsKeystore()).isEqualTo(Path.of("/tmp/server.p12"));
        assertThat(config.security().tlsKeystorePassword()).isEqualTo("opt-pass");
        assertThat(config.security().tlsEnabled()).isTrue();
        assertThat(config.toString()).doesNotContain("opt-pass");

        CommandLine command = Main.command(new String[] {"--tls-keystore", "/tmp/server.p12"});
        command.parseArgs("--tls-keystore", "/tmp/server.p12");
        Main main = (Main) command.getCommand();
        assertThat(main.keystorePassword(java.util.Map.of("DYNAROCKS_TLS_KEYSTORE_PASSWORD", "env-pass")))
                .isEqualTo("env-pass");
        assertThat(main.keystorePassword(java.util.Map.of())).isNull();
    }

    @Test
    void httpsPortAddsAnHttpsPortNextToThePlainOne() {
        ServerConfig config = config("--port", "8000", "--https-port", "8443");
        assertThat(config.port()).isEqualTo(8000);
        assertThat(config.security().httpsPort()).isEqualTo(8443);
        assertThat(config.security().tlsEnabled()).isTrue();
        assertThat(config("--port", "8000").security().httpsPort()).isNull();
    }

    @Test
    void tlsKeystoreAndPemFilesAreOneOrTheOther() {
        assertThatThrownBy(() -> config("--tls-keystore", "/tmp/server.p12", "--tls-cert", "c.pem", "--tls-key", "k.pem"))
                .hasMessageContaining("--tls-keystore replaces --tls-cert and --tls-key");
    }

    @Test
    void dynaRocksOwnCommandLineSharesOneDatabase() {
        ServerConfig config = config("--port", "9000", "--in-memory");
        assertThat(config.port()).isEqualTo(9000);
        assertThat(config.inMemory()).isTrue();
        assertThat(config.compatibility().databases()).isEqualTo(DatabaseLayout.SHARED);
    }

    @Test
    void dynamoDbLocalsDocumentedCommandLineKeepsItsMeaning() {
        ServerConfig config = config("-Djava.library.path=./DynamoDBLocal_lib", "-jar", "DynamoDBLocal.jar",
                "-sharedDb", "-inMemory", "-port", "8001");
        assertThat(config.port()).isEqualTo(8001);
        assertThat(config.inMemory()).isTrue();
        assertThat(config.compatibility().databases()).isEqualTo(DatabaseLayout.SHARED);
    }

    @Test
    void dynamoDbLocalsCommandLineWithoutSharedDbKeepsADatabasePerCredential() {
        ServerConfig config = config("-jar", "DynamoDBLocal.jar", "-dbPath", "/tmp/ddb");
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/ddb"));
        assertThat(config.inMemory()).isFalse();
        assertThat(config.compatibility().databases()).isEqualTo(DatabaseLayout.PER_CREDENTIAL);
        assertThat(config("-inMemory").compatibility().databases()).isEqualTo(DatabaseLayout.PER_CREDENTIAL);
    }

    @Test
    void databasesOptionChoosesTheLayoutExplicitly() {
        assertThat(config("--databases", "per-credential").compatibility().databases())
                .isEqualTo(DatabaseLayout.PER_CREDENTIAL);
        assertThat(config("-inMemory", "--databases", "shared").compatibility().databases())
                .isEqualTo(DatabaseLayout.SHARED);
    }

    @Test
    void argumentsAfterAnImagesEntrypointOverrideItsDefaults() {
        ServerConfig config = config("--host", "0.0.0.0", "--port", "8000", "--data-dir", "/data",
                "-jar", "DynamoDBLocal.jar", "-port", "8001", "-dbPath", "./data");
        assertThat(config.port()).isEqualTo(8001);
        assertThat(config.dataDir()).isEqualTo(Path.of("./data"));
        assertThat(config.host()).isEqualTo("0.0.0.0");
    }

    @Test
    void inMemoryAndDbPathTogetherAreRefusedAsDynamoDbLocalDoes() {
        assertThatThrownBy(() -> config("-inMemory", "-dbPath", "/tmp/x"))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessage("You cannot specify both -dbPath and -inMemory at once.");
    }

    @Test
    void corsTakesACommaSeparatedListOfOrigins() {
        CompatibilityOptions options = config("-cors", "http://a.example,http://b.example").compatibility();
        assertThat(options.corsOrigins()).containsExactly("http://a.example", "http://b.example");
        assertThat(options.allowOriginHeader("http://a.example")).isEqualTo("http://a.example");
        assertThat(options.allowOriginHeader("http://c.example")).isNull();
        assertThat(config().compatibility().allowOriginHeader("http://c.example")).isEqualTo("*");
    }

    @Test
    void dynamoDbLocalsOtherOptionsAreAccepted() {
        assertThat(config("-sharedDb", "-optimizeDbBeforeStartup", "-dbPath", "d", "-disableTelemetry").dataDir())
                .isEqualTo(Path.of("d"));
    }

    @Test
    void helpAnswersToDynamoDbLocalsSpelling() {
        CommandLine command = Main.command("-help");
        command.parseArgs("-help");
        assertThat(command.isUsageHelpRequested()).isTrue();
        assertThat(command.getUsageMessage()).contains("-sharedDb", "-inMemory", "-dbPath", "-cors", "--databases");
    }

    @Test
    void jvmArgumentsAreDroppedBeforeTheOptions() {
        DynamoDbLocalArguments args = DynamoDbLocalArguments.of("-Xmx1g", "-Djava.library.path=./lib", "-jar",
                "DynamoDBLocal.jar", "-port", "8000");
        assertThat(args.options()).containsExactly("-port", "8000");
        assertThat(args.dropped()).containsExactly("-Xmx1g", "-Djava.library.path=./lib", "-jar DynamoDBLocal.jar");
        assertThat(args.dynamoDbLocal()).isTrue();
        assertThat(DynamoDbLocalArguments.of("--port", "8000").dynamoDbLocal()).isFalse();
        assertThat(DynamoDbLocalArguments.of("-sharedDb").dynamoDbLocal()).isTrue();
    }

    @Test
    void delayTransientStatusesGivesRealisticDelaysThatTheOwnOptionRefines() {
        assertThat(config().compatibility().transientDelays()).isEqualTo(TransientDelays.NONE);
        assertThat(config("-delayTransientStatuses").compatibility().transientDelays()).isEqualTo(TransientDelays.REALISTIC);
        assertThat(config("--transient-status-delay", "500ms").compatibility().transientDelays())
                .isEqualTo(TransientDelays.all(Duration.ofMillis(500)));
        assertThat(config("-delayTransientStatuses", "--transient-status-delay", "index=1s")
                .compatibility().transientDelays())
                .isEqualTo(TransientDelays.REALISTIC.with("index", Duration.ofSeconds(1)));
        assertThat(config("--transient-status-delay", "replica=1s").compatibility().transientDelays())
                .isEqualTo(TransientDelays.NONE.with("replica", Duration.ofSeconds(1)));
        assertThatThrownBy(() -> config("--transient-status-delay", "witness=1s"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("unknown transient status kind");
        assertThatThrownBy(() -> config("--transient-status-delay", "soon"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("not a duration");
    }

    @Test
    void memoryAndQueueOptionsSetTheServersCapsAndHaveSaneDefaults() {
        ServerConfig config = config("--storage-memory", "256MB", "--inflight-memory", "512KB", "--queue-timeout", "2s");
        assertThat(config.storageMemory()).isEqualTo(256L << 20);
        assertThat(config.transport().inflightBytes()).isEqualTo(512L << 10);
        assertThat(config.transport().queueTimeout()).isEqualTo(Duration.ofSeconds(2));
        ServerConfig defaults = config();
        assertThat(defaults.storageMemory()).isEqualTo(96L << 20);
        assertThat(defaults.transport().inflightBytes()).as("a quarter of the heap").isZero();
        assertThat(defaults.transport().queueTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThatThrownBy(() -> config("--storage-memory", "8MB"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("at least 16MB");
        assertThatThrownBy(() -> config("--storage-memory", "lots"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("not a size");
    }

    @Test
    void etcdPrefixKeepsADeploymentsKeysApartAndMustEndWithASlash() {
        ServerConfig config = config("--storage", "etcd", "--etcd-endpoints", "http://127.0.0.1:2379",
                "--etcd-prefix", "staging/");
        assertThat(config.etcdPrefix()).isEqualTo("staging/");
        assertThat(config("--storage", "etcd", "--etcd-endpoints", "http://127.0.0.1:2379").etcdPrefix()).isEmpty();
        assertThatThrownBy(() -> config("--storage", "etcd", "--etcd-endpoints", "http://127.0.0.1:2379",
                "--etcd-prefix", "staging"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("must end with /");
        assertThatThrownBy(() -> config("--etcd-prefix", "staging/"))
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining("needs --storage etcd");
    }

    @Test
    void aRegionsPeersCanBeGivenInAPeersFileNamedWithAnAt() throws Exception {
        Path file = java.nio.file.Files.createTempFile("peers", ".txt");
        try {
            java.nio.file.Files.writeString(file, """
                    # us-west-2's view of the other regions
                    --region us-west-2
                    --peer us-east-1=http://127.0.0.1:8001
                    --peer eu-west-1=http://127.0.0.1:8003
                    """);
            ServerConfig config = config("--in-memory", "@" + file);
            assertThat(config.replication().region()).isEqualTo("us-west-2");
            assertThat(config.replication().peers()).containsOnly(
                    java.util.Map.entry("us-east-1", java.net.URI.create("http://127.0.0.1:8001")),
                    java.util.Map.entry("eu-west-1", java.net.URI.create("http://127.0.0.1:8003")));
        } finally {
            java.nio.file.Files.delete(file);
        }
    }
}
