package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** The runnable jar, started as its own process the way users start it. */
class FatJarIT {

    @TempDir
    Path dir;

    @Test
    void jarServesRequestsAndKeepsDataAcrossRestarts() throws Exception {
        assertThat(ServerProcess.jar()).exists();
        for (int round = 0; round < 2; round++) {
            Process p = ServerProcess.serve(dir.resolve("data"));
            try (DynamoDbClient client = ServerExtension.client(ServerProcess.awaitEndpoint(p))) {
                if (round == 0) {
                    Tables.hashTable(client, "FromJar");
                    client.putItem(b -> b.tableName("FromJar").item(Map.of("pk", AttributeValue.fromS("a"))));
                } else {
                    assertThat(client.getItem(b -> b.tableName("FromJar")
                            .key(Map.of("pk", AttributeValue.fromS("a")))).hasItem()).isTrue();
                }
            } finally {
                p.destroy(); // SIGTERM: the server flushes and closes its store
                assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
            }
        }
    }

    /** README's run command: the archive the build wrote beside the jar must be usable (-Xshare:on fails otherwise). */
    @Test
    void jarStartsWithTheClassDataSharingArchiveOfTheBuild() throws Exception {
        Path archive = ServerProcess.jar().resolveSibling("dynarocks.jsa");
        assertThat(archive).exists();
        Process p = ServerProcess.start(List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on"),
                "--port", "0", "--data-dir", dir.resolve("data").toString());
        try (DynamoDbClient client = ServerExtension.client(ServerProcess.awaitEndpoint(p))) {
            Tables.hashTable(client, "WithArchive");
            assertThat(client.listTables().tableNames()).containsExactly("WithArchive");
        } finally {
            p.destroy();
            assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void helpListsTheOptions() throws Exception {
        Process p = ServerProcess.start("--help");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(out).contains("--port", "--host", "--data-dir", "--in-memory", "--version");
    }
}
