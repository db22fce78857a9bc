package io.dynarocks.bench.load;

import io.dynarocks.server.DynaRocks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Start-up figures, one JSON line each.
 * {@code embedded}: time of {@code DynaRocks.builder().inMemory().port(0).start()} in this fresh JVM,
 * and to its first answered ListTables. {@code cli [JVM options] <jar> [server options]}: time from launching
 * {@code java [JVM options] -jar <jar> --port 0 ...} to its first answered ListTables, and its resident
 * memory 2 s and 8 s after that answer.
 */
public final class StartupProbe {

    private StartupProbe() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("embedded")) {
            embedded(args.length > 1 && args[1].equals("logging-ready"));
        } else if (args.length > 1 && args[0].equals("cli")) {
            cli(args);
        } else {
            throw new IllegalArgumentException("usage: embedded [logging-ready] | cli <jar> [server options]");
        }
    }

    /**
     * The first start pays for loading classes (a test JVM's first server); the second one does not.
     * With {@code embedded logging-ready} the probe first initialises SLF4J and Logback, as a test suite
     * that logs has done before its first server starts, so that only DynaRocks' own classes are timed.
     */
    private static void embedded(boolean loggingReady) {
        if (loggingReady) {
            org.slf4j.LoggerFactory.getLogger(StartupProbe.class).debug("logging is up");
        }
        for (String run : List.of("first", "second")) {
            long t0 = System.nanoTime();
            try (DynaRocks server = DynaRocks.builder().inMemory().port(0).start()) {
                long started = System.nanoTime();
                int status = listTables(server.endpoint());
                long answered = System.nanoTime();
                System.out.printf(Locale.ROOT, "{\"probe\":\"embedded\",\"run\":\"%s\",\"startMs\":%.1f,"
                        + "\"firstAnswerMs\":%.1f,\"status\":%d}%n", (loggingReady ? "logging ready, " : "") + run,
                        (started - t0) / 1e6,
                        (answered - t0) / 1e6, status);
            }
        }
    }

    /** {@code cli [JVM options] <jar> [server options]}: JVM options are the arguments before the jar. */
    private static void cli(String[] args) throws Exception {
        int jar = 1;
        while (jar < args.length && !args[jar].endsWith(".jar")) {
            jar++;
        }
        List<String> command = new ArrayList<>(List.of(javaBinary()));
        command.addAll(List.of(args).subList(1, jar));
        command.addAll(List.of("-jar", args[jar], "--port", "0"));
        command.addAll(List.of(args).subList(jar + 1, args.length));
        listTablesOnClosedPort(); // loads this JVM's socket classes before the clock starts
        long t0 = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            URI endpoint = awaitEndpoint(process.getInputStream());
            int status;
            while ((status = listTables(endpoint)) != 200) {
                Thread.sleep(1);
            }
            long answered = System.nanoTime();
            Thread.sleep(2000);
            double idle = rssMb(process.pid());
            // Long enough idle for the server's periodic collection (IdleHeap) to have run.
            Thread.sleep(6000);
            System.out.printf(Locale.ROOT, "{\"probe\":\"cli\",\"jvm\":\"%s\",\"args\":\"%s\",\"firstAnswerMs\":%.1f,"
                    + "\"idleRssMb\":%.1f,\"idle8sRssMb\":%.1f}%n", String.join(" ", List.of(args).subList(1, jar)),
                    String.join(" ", command.subList(jar + 2, command.size())), (answered - t0) / 1e6, idle,
                    rssMb(process.pid()));
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static URI awaitEndpoint(InputStream out) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(out, StandardCharsets.UTF_8));
        String line;
        while ((line = reader.readLine()) != null) {
            if (line.contains("[cds")) {
                // e.g. an archive that does not belong to the jar: the JVM starts without it after this line.
                System.err.println("server: " + line);
            }
            int at = line.indexOf("http://");
            if (line.contains("listening on") && at >= 0) {
                String rest = line.substring(at);
                int space = rest.indexOf(' ');
                URI endpoint = URI.create(space < 0 ? rest : rest.substring(0, space));
                Thread drain = new Thread(() -> reader.lines().forEach(l -> { }), "drain");
                drain.setDaemon(true);
                drain.start();
                return endpoint;
            }
        }
        throw new IOException("server exited before listening");
    }

    /** ListTables over a {@link RawConnection} (no client library to warm up); the HTTP status or -1. */
    static int listTables(URI endpoint) {
        try (RawConnection connection = new RawConnection(endpoint)) {
            return connection.post("ListTables", "{}".getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static void listTablesOnClosedPort() {
        listTables(URI.create("http://127.0.0.1:1"));
    }

    /** VmRSS of a process in MB, from /proc. */
    static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return -1;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
