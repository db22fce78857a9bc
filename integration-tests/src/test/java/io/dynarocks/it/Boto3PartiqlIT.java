package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Python's boto3 runs every PartiQL statement kind against the server ({@code src/test/python/partiql_boto3.py}),
 * so a client other than the Java SDK sees DynamoDB's answers too. Needs {@code python3} with boto3.
 */
class Boto3PartiqlIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    @Test
    void boto3RunsSelectInsertUpdateDeleteBatchesAndTransactions() throws IOException, InterruptedException {
        Path script = Path.of("src", "test", "python", "partiql_boto3.py");
        Path log = Files.createTempFile("partiql-boto3", ".log");
        Process python = new ProcessBuilder("python3", script.toString(), SERVER.endpoint().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        boolean finished = python.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            python.destroyForcibly();
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        assertThat(finished).as("boto3 script finished").isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        assertThat(output).contains("boto3 PartiQL: every statement kind ran");
    }
}
