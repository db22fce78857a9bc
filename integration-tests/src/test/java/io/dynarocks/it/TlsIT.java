package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** With --tls the server speaks HTTPS with a self-signed certificate kept in its data directory. */
class TlsIT {

    @TempDir
    Path dir;

    @Test
    void sdkTrustingTheGeneratedCertificateTalksHttps() throws Exception {
        Path cert;
        String firstCertificate;
        try (DynaRocks server = DynaRocks.builder().dataDir(dir).port(0).tls().authKey("AKID", "secret").start()) {
            assertThat(server.endpoint().getScheme()).isEqualTo("https");
            cert = server.tlsCertificate().orElseThrow();
            assertThat(cert).startsWith(dir);
            firstCertificate = Files.readString(cert);
            try (DynamoDbClient client = client(server.endpoint(), cert, true)) {
                Tables.hashTable(client, "secure");
                client.putItem(b -> b.tableName("secure").item(Map.of("pk", AttributeValue.fromS("a"))));
                assertThat(client.getItem(b -> b.tableName("secure")
                        .key(Map.of("pk", AttributeValue.fromS("a")))).hasItem()).isTrue();
            }
            try (DynamoDbClient untrusting = client(server.endpoint(), cert, false)) {
                assertThatThrownBy(untrusting::listTables).isInstanceOf(SdkClientException.class)
                        .hasStackTraceContaining("SSLHandshakeException");
            }
            URI plain = URI.create("http://" + server.endpoint().getHost() + ":" + server.endpoint().getPort() + "/");
            assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(plain).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
            assertThat(boto3ListTables(server.endpoint(), cert)).isEqualTo("['secure']");
        }
        try (DynaRocks restarted = DynaRocks.builder().dataDir(dir).port(0).tls().start()) {
            assertThat(Files.readString(restarted.tlsCertificate().orElseThrow())).isEqualTo(firstCertificate);
        }
    }

    @Test
    void daxPortSpeaksHttpsToo() throws Exception {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).daxPort(0).tls().start();
                DynamoDbClient dax = client(server.daxEndpoint(), server.tlsCertificate().orElseThrow(), true)) {
            assertThat(server.daxEndpoint().getScheme()).isEqualTo("https");
            assertThat(dax.listTables().tableNames()).isEmpty();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"PKCS12", "JKS"})
    void keystoreServesHttpsOnTheMainDaxAndMetricsPorts(String type) throws Exception {
        Path keystore = keystore(type, "store-pass");
        KeyStore trusted = trustStoreOf(keystore, "store-pass");
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).daxPort(0)
                        .tlsKeystore(keystore, "store-pass").start();
                DynamoDbClient client = client(server.endpoint(), trusted);
                DynamoDbClient dax = client(server.daxEndpoint(), trusted)) {
            assertThat(server.endpoint().getScheme()).isEqualTo("https");
            assertThat(server.daxEndpoint().getScheme()).isEqualTo("https");
            Tables.hashTable(client, "stored");
            client.putItem(b -> b.tableName("stored").item(Map.of("pk", AttributeValue.fromS("a"))));
            assertThat(dax.getItem(b -> b.tableName("stored").key(Map.of("pk", AttributeValue.fromS("a"))))
                    .hasItem()).isTrue();
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpResponse<String> metrics = HttpClient.newBuilder().sslContext(ssl).build().send(
                    HttpRequest.newBuilder(server.endpoint().resolve("/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.statusCode()).isEqualTo(200);
            assertThat(metrics.body()).contains("dynarocks_");
        }
    }

    @Test
    void httpAndHttpsOnSeparatePortsServeTheSameData() throws Exception {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).httpsPort(0).authKey("AKID", "secret").start();
                DynamoDbClient https = client(server.httpsEndpoint(), server.tlsCertificate().orElseThrow(), true);
                DynamoDbClient http = SdkClients.withoutRetries(SdkClients.builder(server.endpoint(), "AKID", "secret"))
                        .build()) {
            assertThat(server.endpoint().getScheme()).isEqualTo("http");
            assertThat(server.httpsEndpoint().getScheme()).isEqualTo("https");
            assertThat(server.httpsEndpoint().getPort()).isNotEqualTo(server.endpoint().getPort());
            Tables.hashTable(http, "both");
            http.putItem(b -> b.tableName("both").item(Map.of("pk", AttributeValue.fromS("over-http"))));
            https.putItem(b -> b.tableName("both").item(Map.of("pk", AttributeValue.fromS("over-https"))));
            assertThat(https.getItem(b -> b.tableName("both").key(Map.of("pk", AttributeValue.fromS("over-http"))))
                    .hasItem()).isTrue();
            assertThat(http.getItem(b -> b.tableName("both").key(Map.of("pk", AttributeValue.fromS("over-https"))))
                    .hasItem()).isTrue();
        }
    }

    @Test
    void keystoreWithAWrongPasswordRefusesToStartWithoutShowingIt() throws Exception {
        Path keystore = keystore("PKCS12", "store-pass");
        assertThatThrownBy(() -> DynaRocks.builder().inMemory().port(0).tlsKeystore(keystore, "not-the-pass").start())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cannot open the TLS keystore " + keystore)
                .hasMessageContaining("password was incorrect")
                .hasMessageNotContaining("not-the-pass");
        assertThatThrownBy(() -> DynaRocks.builder().inMemory().port(0).tlsKeystore(keystore, null).start())
                .hasMessageContaining("needs its password: --tls-keystore-password or the environment variable "
                        + "DYNAROCKS_TLS_KEYSTORE_PASSWORD");
    }

    /** A key store of {@code type} with a self-signed key for localhost, made by the JDK's keytool. */
    private Path keystore(String type, String password) throws Exception {
        Path store = dir.resolve("server-" + type + (type.equals("JKS") ? ".jks" : ".p12"));
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA",
                "-keysize", "2048", "-validity", "2", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-keystore", store.toString(), "-storetype", type,
                "-storepass", password, "-keypass", password)).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return store;
    }

    /** A trust store holding the certificate of {@code keystore}'s key. */
    private static KeyStore trustStoreOf(Path keystore, String password) throws Exception {
        KeyStore source = KeyStore.getInstance(keystore.toFile(), password.toCharArray());
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry("server", source.getCertificate("server"));
        return trusted;
    }

    private static String boto3ListTables(URI endpoint, Path cert) throws Exception {
        String script = "import boto3\n"
                + "c = boto3.client('dynamodb', endpoint_url='" + endpoint + "', verify='" + cert + "',"
                + " region_name='us-east-1', aws_access_key_id='AKID', aws_secret_access_key='secret')\n"
                + "print(c.list_tables()['TableNames'])\n";
        Process p = new ProcessBuilder(List.of("python3", "-c", script)).redirectErrorStream(true).start();
        String out;
        try (InputStream in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }

    private static DynamoDbClient client(URI endpoint, Path cert, boolean trust) throws Exception {
        KeyStore trusted = null;
        if (trust) {
            trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            try (InputStream in = Files.newInputStream(cert)) {
                trusted.setCertificateEntry("dynarocks", CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
        }
        return client(endpoint, trusted);
    }

    /** An SDK client trusting the certificates of {@code trusted}, or the JDK's authorities when null. */
    private static DynamoDbClient client(URI endpoint, KeyStore trusted) throws Exception {
        // Without trust: the JDK's default certificate authorities, which do not know the self-signed certificate.
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        return SdkClients.withoutRetries(SdkClients.builder(endpoint, "AKID", "secret"))
                .httpClient(UrlConnectionHttpClient.builder().tlsTrustManagersProvider(tmf::getTrustManagers).build())
                .build();
    }
}
