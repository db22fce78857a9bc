package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The server uses Netty's native epoll transport on Linux x86-64 and falls back to NIO when the
 * native library cannot load or is switched off; either way it answers the same requests.
 */
class TransportIT {

    private static final Pattern STARTED = Pattern.compile("listening on (http://\\S+).*, (\\w+) transport");

    @TempDir
    Path dir;

    @Test
    void usesEpollOnLinuxX86() throws Exception {
        boolean linuxX86 = System.getProperty("os.name").equals("Linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        assertThat(serveAndAnswer(List.of())).isEqualTo(linuxX86 ? "epoll" : "nio");
    }

    @Test
    void fallsBackToNioWhenTheNativeLibraryCannotLoad() throws Exception {
        // Netty extracts its native library into this folder before loading it: here a plain file.
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "");
        assertThat(serveAndAnswer(List.of("-Dio.netty.native.workdir=" + notAFolder))).isEqualTo("nio");
    }

    @Test
    void usesNioWhenNettysNativeTransportIsSwitchedOff() throws Exception {
        assertThat(serveAndAnswer(List.of("-Dio.netty.transport.noNative=true"))).isEqualTo("nio");
    }

    /** Starts the jar, writes and reads an item through it, and returns the transport it reported. */
    private static String serveAndAnswer(List<String> jvmOptions) throws Exception {
        Process server = ServerProcess.start(jvmOptions, "--port", "0", "--in-memory");
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String line;
            Matcher started = null;
            while ((line = out.readLine()) != null) {
                Matcher m = STARTED.matcher(line);
                if (m.find()) {
                    started = m;
                    break;
                }
            }
            assertThat(started).as("the start-up line").isNotNull();
            Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
            drain.setDaemon(true);
            drain.start();
            try (DynamoDbClient client = ServerExtension.client(URI.create(started.group(1)))) {
                Tables.hashTable(client, "Wire");
                client.putItem(b -> b.tableName("Wire").item(Map.of("pk", AttributeValue.fromS("k"),
                        "v", AttributeValue.fromS("x".repeat(100_000)))));
                assertThat(client.getItem(b -> b.tableName("Wire").key(Map.of("pk", AttributeValue.fromS("k"))))
                        .item().get("v").s()).hasSize(100_000);
            }
            return started.group(2);
        } finally {
            server.destroy();
            assertThat(server.waitFor(20, TimeUnit.SECONDS)).isTrue();
        }
    }
}
