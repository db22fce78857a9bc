package io.dynarocks.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the JSON lines of one compare.sh run as Markdown tables and writes them into RESULTS.md
 * between the {@code generated} markers, keeping the hand-written text around them.
 *
 * <p>Usage: {@code ResultsReport <results.jsonl> <RESULTS.md> <header text>}.
 */
public final class ResultsReport {

    private static final String START = "<!-- generated:start -->";
    private static final String END = "<!-- generated:end -->";
    private static final Pattern MEMBER = Pattern.compile("\"([^\"]+)\":(\"[^\"]*\"|[-0-9.]+)");
    private static final String PEER = "dynalite";
    private static final List<String> OURS = List.of("dynarocks-rocksdb", "dynarocks-memory");

    private ResultsReport() {}

    public static void main(String[] args) throws IOException {
        List<Map<String, String>> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("{")) {
                lines.add(parse(line));
            }
        }
        String body = args[2] + "\n\n" + startup(lines) + memory(lines)
                + throughput(lines, "sdk", "AWS SDK v2 client") + cpu(lines, "sdk", "AWS SDK v2 client")
                + baseline(lines, "sdk", "AWS SDK v2 client")
                + throughput(lines, "raw", "lean client (`--client raw`)") + cpu(lines, "raw", "lean client")
                + baseline(lines, "raw", "lean client")
                + pair(lines, "DAX-style cache port against the main port (hot-key reads: 90 % on 1 % of the keys)",
                        "dynarocks-rocksdb", "dynarocks-rocksdb-dax")
                + pair(lines, "In-process SDK client against loopback HTTP (one embedded in-memory server)",
                        "embedded-http", "embedded-in-process")
                + pair(lines, "In-process SDK client against dynalite over HTTP (SDK client, same run)",
                        PEER, "embedded-in-process")
                + lifecycle(lines) + charts();
        Path results = Path.of(args[1]);
        String old = Files.exists(results) ? Files.readString(results) : "# Benchmark results\n\n" + START + "\n" + END
                + "\n";
        int from = old.indexOf(START);
        int to = old.indexOf(END);
        String updated = from < 0 || to < 0 ? old + "\n" + START + "\n" + body + END + "\n"
                : old.substring(0, from + START.length()) + "\n" + body + old.substring(to);
        Files.writeString(results, updated, StandardCharsets.UTF_8);
    }

    static Map<String, String> parse(String line) {
        Map<String, String> m = new LinkedHashMap<>();
        Matcher matcher = MEMBER.matcher(line);
        while (matcher.find()) {
            String v = matcher.group(2);
            m.put(matcher.group(1), v.startsWith("\"") ? v.substring(1, v.length() - 1) : v);
        }
        return m;
    }

    private static String startup(List<Map<String, String>> lines) {
        StringBuilder s = new StringBuilder("### Start-up\n\n| what | start (ms) | first answer (ms) | idle RSS after 2 s "
                + "(MB) | after 8 s (MB) |\n|---|---:|---:|---:|---:|\n");
        for (Map<String, String> l : lines) {
            if ("embedded".equals(l.get("probe"))) {
                s.append("| embedded in-memory, ").append(l.get("run")).append(" start in the JVM | ")
                        .append(l.get("startMs")).append(" | ").append(l.get("firstAnswerMs")).append(" | | |\n");
            } else if ("cli".equals(l.get("probe"))) {
                String jvm = l.getOrDefault("jvm", "");
                s.append("| `java ").append(jvm.isEmpty() ? "" : jvm + " ").append("-jar dynarocks.jar ").append(l.get("args")).append("` | | ")
                        .append(l.get("firstAnswerMs")).append(" | ").append(l.get("idleRssMb")).append(" | ")
                        .append(l.getOrDefault("idle8sRssMb", "-")).append(" |\n");
            }
        }
        return s.append('\n').toString();
    }

    private static String memory(List<Map<String, String>> lines) {
        StringBuilder s = new StringBuilder("### Resident memory (VmRSS)\n\n| server | idle (MB) | 1 s after preload (MB) "
                + "| after preload and idle (MB, idle seconds) | items x bytes | preload (s) |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (Map<String, String> l : lines) {
            if (l.containsKey("rssAfterPreloadMb")) {
                String settled = l.containsKey("rssSettledMb")
                        ? l.get("rssSettledMb") + " (" + l.get("settleSeconds") + " s)" : "-";
                s.append("| ").append(l.get("label")).append(" | ").append(l.get("idleRssMb")).append(" | ")
                        .append(l.get("rssAfterPreloadMb")).append(" | ").append(settled).append(" | ")
                        .append(l.get("items")).append(" x ")
                        .append(l.get("itemBytes")).append(" | ").append(l.get("preloadSeconds")).append(" |\n");
            }
        }
        return s.append('\n').toString();
    }

    /** The client kind of a run line; lines written before the lean client existed are the SDK's. */
    private static boolean byClient(Map<String, String> line, String client) {
        return client.equals(line.getOrDefault("client", "sdk"));
    }

    private static String throughput(List<Map<String, String>> lines, String client, String title) {
        Map<String, Map<String, String>> runs = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, String> l : lines) {
            if (l.containsKey("workload") && !"baseline".equals(l.get("label")) && byClient(l, client)) {
                String key = l.get("workload") + "|" + l.get("threads");
                keys.add(key);
                runs.put(key + "|" + l.get("label"), l);
            }
        }
        if (keys.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("### Throughput, " + title + " (ops/s, p50 / p99 ms) and ratio to dynalite\n\n"
                + "| workload | threads | dynarocks-rocksdb | dynarocks-memory | dynalite | rocksdb / dynalite "
                + "| memory / dynalite |\n|---|---:|---|---|---|---:|---:|\n");
        for (String key : keys) {
            String[] k = key.split("\\|");
            s.append("| ").append(k[0]).append(" | ").append(k[1]);
            for (String label : List.of(OURS.get(0), OURS.get(1), PEER)) {
                s.append(" | ").append(cell(runs.get(key + "|" + label)));
            }
            Map<String, String> peer = runs.get(key + "|" + PEER);
            for (String label : OURS) {
                s.append(" | ").append(ratio(runs.get(key + "|" + label), peer));
            }
            s.append(" |\n");
        }
        return s.append("\nbatch-write counts requests of 25 items; transact-write requests of 2 items.\n\n").toString();
    }

    /**
     * Server CPU time per request (utime + stime of the server process over the measured window) of
     * each server, with the ratios to the do-nothing baseline (the transport's floor for the same
     * request) and to dynalite. Where the baseline ran twice, the lower figure counts.
     */
    private static String cpu(List<Map<String, String>> lines, String client, String title) {
        Map<String, Map<String, String>> runs = new LinkedHashMap<>();
        Set<String> keys = new LinkedHashSet<>();
        for (Map<String, String> l : lines) {
            if (l.containsKey("serverCpuUsPerOp") && byClient(l, client) && "ok".equals(l.get("status"))) {
                String key = l.get("workload") + "|" + l.get("threads");
                if (!"baseline".equals(l.get("label"))) {
                    keys.add(key);
                }
                runs.merge(key + "|" + l.get("label"), l, (x, y) -> us(x) <= us(y) ? x : y);
            }
        }
        if (keys.isEmpty()) {
            return "";
        }
        StringBuilder s = new StringBuilder("### Server CPU per request, " + title + " (µs of server CPU per "
                + "request, and ops/s)\n\n| workload | threads | baseline (do-nothing) | dynarocks-rocksdb | "
                + "dynarocks-memory | dynalite | rocksdb / baseline | memory / baseline | rocksdb / dynalite | "
                + "memory / dynalite |\n|---|---:|---|---|---|---|---:|---:|---:|---:|\n");
        for (String key : keys) {
            String[] k = key.split("\\|");
            s.append("| ").append(k[0]).append(" | ").append(k[1]);
            Map<String, String> base = runs.get(key + "|baseline");
            Map<String, String> peer = runs.get(key + "|" + PEER);
            for (String label : List.of("baseline", OURS.get(0), OURS.get(1), PEER)) {
                Map<String, String> run = runs.get(key + "|" + label);
                s.append(" | ").append(run == null ? "-" : run.get("serverCpuUsPerOp") + " (" + run.get("opsPerSec") + "/s)");
            }
            for (Map<String, String> divisor : java.util.Arrays.asList(base, peer)) {
                for (String label : OURS) {
                    Map<String, String> ours = runs.get(key + "|" + label);
                    s.append(" | ").append(ours == null || divisor == null ? "-"
                            : String.format(Locale.ROOT, "%.2fx", us(ours) / us(divisor)));
                }
            }
            s.append(" |\n");
        }
        return s.append('\n').toString();
    }

    private static double us(Map<String, String> run) {
        return Double.parseDouble(run.get("serverCpuUsPerOp"));
    }

    private static String baseline(List<Map<String, String>> lines, String client, String title) {
        StringBuilder s = new StringBuilder("### GetItem against a trivial Netty server (fixed 200), " + title + "\n\n"
                + "| threads | baseline ops/s | dynarocks-rocksdb get | dynarocks-memory get | baseline / dynalite get "
                + "(the most any server could show here) |\n|---:|---:|---:|---:|---:|\n");
        Map<String, Map<String, String>> gets = new LinkedHashMap<>();
        for (Map<String, String> l : lines) {
            if ("get".equals(l.get("workload")) && byClient(l, client)) {
                gets.put(l.get("label") + "|" + l.get("threads"), l);
            }
        }
        // The baseline is a ceiling: where it was measured more than once, the highest figure counts.
        Map<String, Map<String, String>> best = new LinkedHashMap<>();
        for (Map<String, String> b : lines) {
            if ("baseline".equals(b.get("label")) && "ok".equals(b.get("status")) && byClient(b, client)) {
                best.merge(b.get("threads"), b, (x, y) -> Double.parseDouble(x.get("opsPerSec"))
                        >= Double.parseDouble(y.get("opsPerSec")) ? x : y);
            }
        }
        for (Map<String, String> b : best.values()) {
            s.append("| ").append(b.get("threads")).append(" | ").append(b.get("opsPerSec"));
            for (String label : OURS) {
                Map<String, String> ours = gets.get(label + "|" + b.get("threads"));
                s.append(" | ").append(ours == null || !"ok".equals(ours.get("status")) ? "-"
                        : String.format(Locale.ROOT, "%s (%.0f %%)", ours.get("opsPerSec"),
                                100 * Double.parseDouble(ours.get("opsPerSec"))
                                        / Double.parseDouble(b.get("opsPerSec"))));
            }
            s.append(" | ").append(ratio(b, gets.get(PEER + "|" + b.get("threads")))).append(" |\n");
        }
        return !best.isEmpty() ? s.append('\n').toString() : "";
    }

    /** The test-suite workload: one table's life cycle per server (LifecycleBenchmark). */
    private static String lifecycle(List<Map<String, String>> lines) {
        StringBuilder s = new StringBuilder("### Test-suite workload: table life cycle (CreateTable with a GSI and "
                + "wait, 20 PutItems, one index Query, DeleteTable and wait)\n\n| server and client | ms per cycle "
                + "| p50 / p99 ms | dynalite / this |\n|---|---:|---:|---:|\n");
        Map<String, String> peer = null;
        for (Map<String, String> l : lines) {
            if ("lifecycle".equals(l.get("probe")) && PEER.equals(l.get("label"))) {
                peer = l;
            }
        }
        boolean any = false;
        for (Map<String, String> l : lines) {
            if ("lifecycle".equals(l.get("probe"))) {
                any = true;
                s.append("| ").append(l.get("label")).append(" | ").append(l.get("msPerCycle")).append(" | ")
                        .append(l.get("p50Ms")).append(" / ").append(l.get("p99Ms")).append(" | ")
                        .append(peer == null ? "-" : String.format(Locale.ROOT, "%.1fx",
                                Double.parseDouble(peer.get("msPerCycle")) / Double.parseDouble(l.get("msPerCycle"))))
                        .append(" |\n");
            }
        }
        return any ? s.append('\n').toString() : "";
    }

    /** The SVG charts compare.sh draws beside this file (Charts). */
    private static String charts() {
        StringBuilder s = new StringBuilder("### Charts\n\n");
        for (String chart : List.of("throughput-raw", "cpu-raw", "latency-raw", "throughput-sdk", "cpu-sdk",
                "latency-sdk", "bulk-load-memory")) {
            s.append("![").append(chart).append("](charts/").append(chart).append(".svg)\n");
        }
        return s.append('\n').toString();
    }

    /** The runs of {@code second} next to those of {@code first} with the same workload and threads. */
    private static String pair(List<Map<String, String>> lines, String title, String first, String second) {
        StringBuilder s = new StringBuilder("### " + title + "\n\n| workload | threads | " + first + " | " + second
                + " | " + second + " / " + first + " |\n|---|---:|---|---|---:|\n");
        Map<String, Map<String, String>> firsts = new LinkedHashMap<>();
        for (Map<String, String> l : lines) {
            // The in-process client is the SDK's, so it is compared with the SDK client's lines, not the lean one's.
            if (first.equals(l.get("label")) && l.containsKey("workload") && !"raw".equals(l.get("client"))) {
                firsts.put(l.get("workload") + "|" + l.get("threads"), l);
            }
        }
        for (Map<String, String> l : lines) {
            Map<String, String> base = firsts.get(l.get("workload") + "|" + l.get("threads"));
            if (second.equals(l.get("label")) && base != null) {
                s.append("| ").append(l.get("workload")).append(" | ").append(l.get("threads")).append(" | ")
                        .append(cell(base)).append(" | ").append(cell(l)).append(" | ").append(ratio(l, base))
                        .append(" |\n");
            }
        }
        return s.append('\n').toString();
    }

    private static String cell(Map<String, String> run) {
        if (run == null) {
            return "-";
        }
        if (!"ok".equals(run.get("status"))) {
            return run.get("status");
        }
        String errors = "0".equals(run.get("errors")) ? ""
                : " (" + run.get("errors") + " errors" + (run.containsKey("errorTypes") ? ": " + run.get("errorTypes") : "")
                        + ")";
        return run.get("opsPerSec") + " (" + run.get("p50Ms") + " / " + run.get("p99Ms") + ")" + errors;
    }

    private static String ratio(Map<String, String> ours, Map<String, String> peer) {
        if (ours == null || peer == null || !"ok".equals(ours.get("status")) || !"ok".equals(peer.get("status"))) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1fx",
                Double.parseDouble(ours.get("opsPerSec")) / Double.parseDouble(peer.get("opsPerSec")));
    }
}
