package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python script of the test resources that drives a server with boto3 (the machine's {@code python3} with
 * boto3), run to its end: what it printed, one check a line.
 */
final class Boto3Script {

    private Boto3Script() {}

    /**
     * Copies resource {@code script} into {@code dir}, runs it with {@code args} and returns its output lines;
     * fails the test when it does not end within two minutes or ends with an error.
     */
    static List<String> run(Path dir, String script, String... args) throws IOException, InterruptedException {
        Path copy = dir.resolve(script);
        if (!Files.exists(copy)) {
            try (InputStream in = Boto3Script.class.getResourceAsStream("/" + script)) {
                Files.copy(in, copy);
            }
        }
        List<String> command = new ArrayList<>(List.of("python3", copy.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // Only the credentials the script passes count, never the environment's.
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_"));
        Process python = builder.start();
        String output = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean finished = python.waitFor(2, TimeUnit.MINUTES);
        if (!finished) {
            python.destroyForcibly();
        }
        assertThat(finished).as("%s finished", script).isTrue();
        assertThat(python.exitValue()).as(output).isZero();
        return output.lines().toList();
    }
}
