package io.dynarocks.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a server process's memory goes: the JVM's own accounting (Native Memory Tracking, read with
 * {@code jcmd}; the server must run with {@code -XX:NativeMemoryTracking=summary}), its heap histogram,
 * and what {@code GET /metrics} says of the heap and of RocksDB's memtables and block cache. Resident
 * memory beyond what NMT accounts for is malloc'ed outside the JVM: RocksDB's, mostly.
 */
final class ProcessMemory {

    /** The server's JVM options that make its memory observable. */
    static final String NMT = "-XX:NativeMemoryTracking=summary";

    private static final Pattern NMT_TOTAL = Pattern.compile("Total: reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern NMT_CATEGORY = Pattern.compile("-\\s+([A-Za-z ]+?) \\(reserved=\\d+KB, committed=(\\d+)KB");
    private static final Pattern HISTOGRAM_ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    private final long pid;
    private final URI endpoint;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ProcessMemory(long pid, URI endpoint) {
        this.pid = pid;
        this.endpoint = endpoint;
    }

    /** NMT's committed KB per category ({@code Java Heap}, {@code Thread}, {@code Other}, …) and {@code Total}. */
    Map<String, Long> nativeMemoryKb() {
        Map<String, Long> out = new LinkedHashMap<>();
        String text = jcmd("VM.native_memory", "summary");
        Matcher total = NMT_TOTAL.matcher(text);
        if (total.find()) {
            out.put("Total", Long.parseLong(total.group(1)));
        }
        Matcher category = NMT_CATEGORY.matcher(text);
        while (category.find()) {
            out.put(category.group(1).trim(), Long.parseLong(category.group(2)));
        }
        return out;
    }

    /** Bytes per class of live objects (a full GC first, as {@code jcmd GC.class_histogram} does). */
    Map<String, Long> heapHistogram() {
        Map<String, Long> out = new HashMap<>();
        for (String line : jcmd("GC.class_histogram").split("\n")) {
            Matcher m = HISTOGRAM_ROW.matcher(line);
            if (m.find()) {
                out.merge(m.group(3), Long.parseLong(m.group(2)), Long::sum);
            }
        }
        return out;
    }

    /** Makes the C allocator return its free memory to the system ({@code malloc_trim}, glibc only). */
    void trimNativeHeap() {
        jcmd("System.trim_native_heap");
    }

    /** The classes whose live bytes grew most from {@code before} to {@code after}, largest first. */
    static List<Map.Entry<String, Long>> growth(Map<String, Long> before, Map<String, Long> after, int top) {
        List<Map.Entry<String, Long>> out = new ArrayList<>();
        after.forEach((cls, bytes) -> out.add(Map.entry(cls, bytes - before.getOrDefault(cls, 0L))));
        out.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
        return out.subList(0, Math.min(top, out.size()));
    }

    /** A {@code kB} field of {@code /proc/PID/status} ({@code VmRSS}, {@code RssAnon}, …), or 0 when unreadable. */
    static long statusKb(long pid, String field) {
        try {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException e) {
            return 0;
        }
        return 0;
    }

    /** The sum of a metric's series in the server's Prometheus text whose labels contain {@code labels}. */
    double metric(String scraped, String name, String labels) {
        double sum = 0;
        for (String line : scraped.split("\n")) {
            if (line.startsWith(name + "{") || line.startsWith(name + " ")) {
                if (labels == null || line.contains(labels)) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
        }
        return sum;
    }

    /** {@code GET /metrics}, or an empty text when the server does not answer. */
    String scrape() {
        try {
            return http.send(HttpRequest.newBuilder(endpoint.resolve("/metrics")).timeout(Duration.ofSeconds(30))
                    .build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private String jcmd(String... command) {
        List<String> args = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(pid)));
        args.addAll(List.of(command));
        try {
            Process p = new ProcessBuilder(args).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return "";
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
