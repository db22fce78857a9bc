package io.dynarocks.bench.load;

import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * Draws one compare.sh run as SVG charts (JFreeChart, JFreeSVG) into a folder: throughput and server
 * CPU per request for each workload and server, per client; latency percentiles; resident memory over
 * a bulk load when the run has one. Usage: {@code Charts <results.jsonl> <folder>}.
 */
public final class Charts {

    private static final List<String> SERVERS = List.of("baseline", "dynarocks-rocksdb", "dynarocks-memory", "dynalite");
    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;

    private Charts() {}

    public static void main(String[] args) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<Map<String, String>> lines = new ArrayList<>();
        for (String line : Files.readAllLines(Path.of(args[0]))) {
            if (line.startsWith("{")) {
                lines.add(ResultsReport.parse(line));
            }
        }
        Path out = Files.createDirectories(Path.of(args[1]));
        int threads = lines.stream().filter(l -> l.containsKey("workload")).mapToInt(l -> Integer.parseInt(l.get("threads")))
                .max().orElse(16);
        for (String client : List.of("sdk", "raw")) {
            String who = client.equals("sdk") ? "AWS SDK v2 client" : "lean client";
            bars(out.resolve("throughput-" + client + ".svg"), "Requests per second, " + who + ", " + threads
                    + " threads (higher is better)", "ops/s", lines, client, threads, "opsPerSec");
            bars(out.resolve("cpu-" + client + ".svg"), "Server CPU per request, " + who + ", " + threads
                    + " threads (lower is better)", "µs of server CPU per request", lines, client, threads,
                    "serverCpuUsPerOp");
            latency(out.resolve("latency-" + client + ".svg"), "Latency percentiles, " + who + ", " + threads
                    + " threads (lower is better)", lines, client, threads);
        }
        memory(out.resolve("bulk-load-memory.svg"), lines);
    }

    private static void bars(Path file, String title, String axis, List<Map<String, String>> lines, String client,
            int threads, String member) throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map<String, String> l : lines) {
            if (matches(l, client, threads) && l.containsKey(member) && SERVERS.contains(l.get("label"))) {
                double value = Double.parseDouble(l.get(member));
                Number seen = find(data, l.get("label"), l.get("workload"));
                // The baseline runs twice: its better figure counts, as in RESULTS.md.
                boolean better = seen == null || (member.equals("opsPerSec") ? value > seen.doubleValue()
                        : value < seen.doubleValue());
                if (better) {
                    data.addValue(value, l.get("label"), l.get("workload"));
                }
            }
        }
        if (data.getRowCount() > 0) {
            write(file, ChartFactory.createBarChart(title, "workload", axis, data, PlotOrientation.VERTICAL, true,
                    false, false));
        }
    }

    private static void latency(Path file, String title, List<Map<String, String>> lines, String client, int threads)
            throws IOException {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        for (Map<String, String> l : lines) {
            if (matches(l, client, threads) && SERVERS.subList(1, SERVERS.size()).contains(l.get("label"))
                    && List.of("get", "put", "query", "update").contains(l.get("workload"))) {
                data.addValue(Double.parseDouble(l.get("p50Ms")), l.get("label"), l.get("workload") + " p50");
                data.addValue(Double.parseDouble(l.get("p99Ms")), l.get("label"), l.get("workload") + " p99");
            }
        }
        if (data.getRowCount() > 0) {
            write(file, ChartFactory.createBarChart(title, "workload and percentile", "ms", data,
                    PlotOrientation.VERTICAL, true, false, false));
        }
    }

    /** Lines {@code {"probe":"bulk-load","label":...,"samples":"s:mb s:mb ..."}}: RSS against seconds. */
    private static void memory(Path file, List<Map<String, String>> lines) throws IOException {
        XYSeriesCollection data = new XYSeriesCollection();
        for (Map<String, String> l : lines) {
            if ("bulk-load".equals(l.get("probe")) && l.containsKey("samples")) {
                XYSeries series = new XYSeries(l.get("label"));
                for (String sample : l.get("samples").trim().split(" ")) {
                    String[] p = sample.split(":");
                    series.add(Double.parseDouble(p[0]), Double.parseDouble(p[1]));
                }
                data.addSeries(series);
            }
        }
        if (data.getSeriesCount() > 0) {
            write(file, ChartFactory.createXYLineChart("Resident memory during a bulk load and after it",
                    "seconds since the load began", "VmRSS (MB)", data, PlotOrientation.VERTICAL, true, false, false));
        }
    }

    private static boolean matches(Map<String, String> l, String client, int threads) {
        return l.containsKey("workload") && "ok".equals(l.get("status")) && client.equals(l.getOrDefault("client", "sdk"))
                && Integer.toString(threads).equals(l.get("threads"));
    }

    private static Number find(DefaultCategoryDataset data, String row, String column) {
        return data.getRowKeys().contains(row) && data.getColumnKeys().contains(column) ? data.getValue(row, column) : null;
    }

    private static void write(Path file, JFreeChart chart) throws IOException {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof CategoryPlot plot) {
            plot.setBackgroundPaint(Color.WHITE);
            plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
            BarRenderer renderer = (BarRenderer) plot.getRenderer();
            renderer.setBarPainter(new StandardBarPainter());
            renderer.setShadowVisible(false);
        } else {
            chart.getPlot().setBackgroundPaint(Color.WHITE);
        }
        SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
        chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
        Files.writeString(file, g.getSVGDocument(), StandardCharsets.UTF_8);
    }
}
