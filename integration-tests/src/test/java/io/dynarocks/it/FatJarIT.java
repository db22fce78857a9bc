package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The runnable jar, started as its own process the way users start it. */
class FatJarIT {

    private static final Pattern ENDPOINT = Pattern.compile("listening on (http://\\S+)");

    @TempDir
    Path dir;

    @Test
    void jarServesRequestsAndKeepsDataAcrossRestarts() throws Exception {
        Path jar = Path.of(System.getProperty("dynarocks.jar", "../server/target/dynarocks.jar"));
        assertThat(jar).exists();
        for (int round = 0; round < 2; round++) {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", jar.toString(), "--port", "0", "--data-dir", dir.resolve("data").toString())
                    .redirectErrorStream(true).start();
            try {
                URI endpoint = awaitEndpoint(p);
                try (DynamoDbClient client = ServerExtension.client(endpoint)) {
                    if (round == 0) {
                        Tables.hashTable(client, "FromJar");
                        client.putItem(b -> b.tableName("FromJar").item(Map.of("pk", AttributeValue.fromS("a"))));
                    } else {
                        assertThat(client.getItem(b -> b.tableName("FromJar")
                                .key(Map.of("pk", AttributeValue.fromS("a")))).hasItem()).isTrue();
                    }
                }
            } finally {
                p.destroy(); // SIGTERM: the server flushes and closes its store
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    @Test
    void helpListsTheOptions() throws Exception {
        Path jar = Path.of(System.getProperty("dynarocks.jar", "../server/target/dynarocks.jar"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "--help").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("--port", "--host", "--data-dir", "--in-memory", "--version");
    }

    private static URI awaitEndpoint(Process p) throws Exception {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = ENDPOINT.matcher(line);
            if (m.find()) {
                return URI.create(m.group(1));
            }
        }
        throw new AssertionError("server exited before listening");
    }
}
