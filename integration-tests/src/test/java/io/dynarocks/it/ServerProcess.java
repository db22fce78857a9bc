package io.dynarocks.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The runnable jar started as its own process, the way users start it. */
final class ServerProcess {

    private static final Pattern ENDPOINT = Pattern.compile("listening on (http://\\S+)");

    private ServerProcess() {
    }

    static Path jar() {
        return Path.of(System.getProperty("dynarocks.jar", "../server/target/dynarocks.jar"));
    }

    /** Runs {@code java -jar dynarocks.jar args}, with stderr merged into stdout. */
    static Process start(String... args) throws IOException {
        return start(List.of(), args);
    }

    /** Runs {@code java jvmOptions -jar dynarocks.jar args}, with stderr merged into stdout. */
    static Process start(List<String> jvmOptions, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        command.addAll(List.of("-jar", jar().toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Starts a server on a free port that keeps its data in {@code dataDir}. */
    static Process serve(Path dataDir) throws IOException {
        return start("--port", "0", "--data-dir", dataDir.toString());
    }

    /** Reads the server's output until it prints its endpoint. */
    static URI awaitEndpoint(Process p) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            Matcher m = ENDPOINT.matcher(line);
            if (m.find()) {
                // Keep draining the server's output so it never blocks on a full pipe.
                Thread drain = new Thread(() -> out.lines().forEach(l -> { }));
                drain.setDaemon(true);
                drain.start();
                return URI.create(m.group(1));
            }
        }
        throw new AssertionError("server exited before listening");
    }
}
