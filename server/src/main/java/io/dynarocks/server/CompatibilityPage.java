package io.dynarocks.server;

import io.dynarocks.engine.OperationRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Generates the operations table of {@code docs/compatibility.md} from what the registry serves,
 * so the page cannot claim more or less than the server does. Only the part between the markers is
 * generated; the rest of the page is written by hand.
 */
public final class CompatibilityPage {

    static final String BEGIN = "<!-- BEGIN GENERATED: operations (regenerate with CompatibilityPageTest, see the note above) -->";
    static final String END = "<!-- END GENERATED: operations -->";

    /** Every action of DynamoDB's API (2012-08-10), by area, in the order the page lists them. */
    static final Map<String, List<String>> DYNAMODB_ACTIONS = areas(
            Map.entry("Tables", List.of("CreateTable", "DeleteTable", "DescribeTable", "ListTables", "UpdateTable",
                    "DescribeLimits", "DescribeEndpoints")),
            Map.entry("Items", List.of("PutItem", "GetItem", "UpdateItem", "DeleteItem")),
            Map.entry("Queries", List.of("Query", "Scan", "SearchVectors")),
            Map.entry("Batches", List.of("BatchGetItem", "BatchWriteItem")),
            Map.entry("Transactions", List.of("TransactGetItems", "TransactWriteItems")),
            Map.entry("PartiQL", List.of("ExecuteStatement", "BatchExecuteStatement", "ExecuteTransaction")),
            Map.entry("Time to live", List.of("UpdateTimeToLive", "DescribeTimeToLive")),
            Map.entry("Tags and resource policies", List.of("TagResource", "UntagResource", "ListTagsOfResource",
                    "PutResourcePolicy", "GetResourcePolicy", "DeleteResourcePolicy")),
            Map.entry("Backups and restore", List.of("CreateBackup", "DeleteBackup", "DescribeBackup", "ListBackups",
                    "RestoreTableFromBackup", "RestoreTableToPointInTime", "DescribeContinuousBackups",
                    "UpdateContinuousBackups")),
            Map.entry("Import and export", List.of("ExportTableToPointInTime", "DescribeExport", "ListExports", "ImportTable",
                    "DescribeImport", "ListImports")),
            Map.entry("Global tables", List.of("CreateGlobalTable", "DescribeGlobalTable", "ListGlobalTables",
                    "UpdateGlobalTable", "DescribeGlobalTableSettings", "UpdateGlobalTableSettings")),
            Map.entry("Auto scaling", List.of("DescribeTableReplicaAutoScaling", "UpdateTableReplicaAutoScaling")),
            Map.entry("Kinesis streaming", List.of("EnableKinesisStreamingDestination", "DisableKinesisStreamingDestination",
                    "DescribeKinesisStreamingDestination", "UpdateKinesisStreamingDestination")),
            Map.entry("Contributor Insights", List.of("DescribeContributorInsights", "ListContributorInsights",
                    "UpdateContributorInsights")));

    /** Every action of DynamoDB Streams' API (2012-08-10). */
    static final Map<String, List<String>> STREAMS_ACTIONS = areas(
            Map.entry("Streams", List.of("ListStreams", "DescribeStream", "GetShardIterator", "GetRecords")));

    private CompatibilityPage() {}

    /** Rewrites the generated part of the page at {@code args[0]} from an in-memory server's registry. */
    public static void main(String[] args) throws IOException {
        Path page = Path.of(args.length > 0 ? args[0] : "docs/compatibility.md");
        try (DynaRocks db = DynaRocks.builder().inMemory().port(0).start()) {
            Files.writeString(page, update(Files.readString(page, StandardCharsets.UTF_8), db.dispatcher().targets()),
                    StandardCharsets.UTF_8);
        }
    }

    /** {@code page} with the text between the markers replaced by the tables for {@code targets}. */
    public static String update(String page, Set<String> targets) {
        int begin = page.indexOf(BEGIN);
        int end = page.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the page has no generated section (" + BEGIN + " … " + END + ")");
        }
        return page.substring(0, begin + BEGIN.length()) + "\n" + tables(targets) + page.substring(end);
    }

    /** The operations tables: every known action with its status, then any served action the lists lack. */
    static String tables(Set<String> targets) {
        StringBuilder out = new StringBuilder();
        Set<String> unlisted = new TreeSet<>(targets);
        section(out, "DynamoDB", OperationRegistry.DYNAMODB, DYNAMODB_ACTIONS, targets, unlisted);
        section(out, "DynamoDB Streams", OperationRegistry.STREAMS, STREAMS_ACTIONS, targets, unlisted);
        if (!unlisted.isEmpty()) {
            out.append("\nAlso served:\n\n");
            unlisted.forEach(t -> out.append("- `").append(t).append("`\n"));
        }
        return out.toString();
    }

    private static void section(StringBuilder out, String title, String service, Map<String, List<String>> actions,
            Set<String> targets, Set<String> unlisted) {
        long total = actions.values().stream().mapToLong(List::size).sum();
        long supported = actions.values().stream().flatMap(List::stream)
                .filter(a -> targets.contains(service + "." + a)).count();
        out.append("\n### ").append(title).append(" (").append(supported).append(" of ").append(total)
                .append(" actions)\n\n| Area | Action | Status |\n|---|---|---|\n");
        actions.forEach((area, names) -> names.forEach(name -> {
            String target = service + "." + name;
            unlisted.remove(target);
            out.append("| ").append(area).append(" | `").append(name).append("` | ")
                    .append(targets.contains(target) ? "supported" : "not yet").append(" |\n");
        }));
    }

    @SafeVarargs
    private static Map<String, List<String>> areas(Map.Entry<String, List<String>>... entries) {
        Map<String, List<String>> areas = new LinkedHashMap<>();
        for (Map.Entry<String, List<String>> e : entries) {
            areas.put(e.getKey(), e.getValue());
        }
        return areas;
    }
}
