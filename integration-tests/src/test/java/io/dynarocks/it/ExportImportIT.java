package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ExportDescription;
import software.amazon.awssdk.services.dynamodb.model.ExportFormat;
import software.amazon.awssdk.services.dynamodb.model.ExportNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ExportStatus;
import software.amazon.awssdk.services.dynamodb.model.ExportType;
import software.amazon.awssdk.services.dynamodb.model.ImportStatus;
import software.amazon.awssdk.services.dynamodb.model.ImportTableDescription;
import software.amazon.awssdk.services.dynamodb.model.InputCompressionType;
import software.amazon.awssdk.services.dynamodb.model.InputFormat;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PointInTimeRecoveryUnavailableException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableCreationParameters;

/** ExportTableToPointInTime to a local folder standing for S3, and ImportTable from it. */
class ExportImportIT {

    @TempDir
    static Path exports;

    private static DynaRocks server;
    private static DynamoDbClient client;

    @BeforeAll
    static void start() {
        server = DynaRocks.builder().inMemory().port(0).exportDir(exports).start();
        client = ServerExtension.client(server.endpoint());
    }

    @AfterAll
    static void stop() {
        client.close();
        server.close();
    }

    @Test
    void exportThenImportOf100000ItemsWithNestedAndBinaryValuesIsIdentical() throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            lines.add(itemLine(i));
        }
        Path source = exports.resolve("seed").resolve("items").resolve("part-0.json.gz");
        Files.createDirectories(source.getParent());
        try (var out = new GZIPOutputStream(Files.newOutputStream(source))) {
            out.write((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        ImportTableDescription seeded = importJson("Original", "seed", "items/");
        assertThat(seeded.importStatus()).as("%s: %s", seeded.failureCode(), seeded.failureMessage())
                .isEqualTo(ImportStatus.COMPLETED);
        assertThat(seeded.importedItemCount()).isEqualTo(100_000);
        assertThat(seeded.errorCount()).isZero();
        client.putItem(b -> b.tableName("Original").item(Map.of("pk", AttributeValue.fromS("sdk"),
                "sk", AttributeValue.fromN("1"), "bin", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, -1})),
                "set", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1}))))));

        ExportDescription first = export("Original", "roundtrip", "first");
        assertThat(first.exportStatus()).isEqualTo(ExportStatus.COMPLETED);
        assertThat(first.itemCount()).isEqualTo(100_001);
        assertThat(first.exportManifest()).startsWith("first/AWSDynamoDB/").endsWith("/manifest-summary.json");
        List<String> firstLines = dataLines(exports.resolve("roundtrip").resolve(first.exportManifest()).getParent());
        assertThat(firstLines).hasSize(100_001);

        String dataPrefix = first.exportManifest().replace("manifest-summary.json", "data/");
        assertThat(importJson("Copy", "roundtrip", dataPrefix).importedItemCount()).isEqualTo(100_001);
        ExportDescription second = export("Copy", "roundtrip", "second");
        List<String> secondLines = dataLines(exports.resolve("roundtrip").resolve(second.exportManifest()).getParent());

        assertThat(sorted(secondLines)).isEqualTo(sorted(firstLines));
        List<String> expected = new ArrayList<>(lines);
        expected.removeIf(String::isEmpty);
        assertThat(firstLines).containsAll(expected.subList(0, 1000));
        assertThat(client.getItem(b -> b.tableName("Copy").key(Map.of("pk", AttributeValue.fromS("sdk"),
                "sk", AttributeValue.fromN("1")))).item().get("bin").b().asByteArray()).containsExactly(0, -1);
        assertThat(client.describeTable(b -> b.tableName("Copy")).table().itemCount()).isEqualTo(100_001);
    }

    @Test
    void exportLayoutHasDynamoDbsManifests() throws IOException {
        Tables.hashTable(client, "Layout");
        enable("Layout");
        for (int i = 0; i < 10; i++) {
            int n = i;
            client.putItem(b -> b.tableName("Layout").item(Map.of("pk", AttributeValue.fromS("k" + n))));
        }
        ExportDescription e = export("Layout", "layout", null);
        assertThat(e.exportArn()).contains(":table/Layout/export/");
        assertThat(e.s3Bucket()).isEqualTo("layout");
        assertThat(e.exportFormat()).isEqualTo(ExportFormat.DYNAMODB_JSON);
        assertThat(e.exportType()).isEqualTo(ExportType.FULL_EXPORT);
        Path folder = exports.resolve("layout").resolve(e.exportManifest()).getParent();
        assertThat(folder.getParent().getFileName().toString()).isEqualTo("AWSDynamoDB");
        String summary = Files.readString(folder.resolve("manifest-summary.json"));
        assertThat(summary).contains("\"exportArn\":\"" + e.exportArn() + "\"", "\"itemCount\":10",
                "\"outputFormat\":\"DYNAMODB_JSON\"", "\"manifestFilesS3Key\":\"AWSDynamoDB/");
        List<String> manifest = Files.readAllLines(folder.resolve("manifest-files.json"));
        assertThat(manifest).isNotEmpty().allSatisfy(l -> assertThat(l).contains("\"dataFileS3Key\":\"AWSDynamoDB/",
                ".json.gz\"", "\"md5Checksum\""));
        assertThat(dataLines(folder)).hasSize(10).allSatisfy(l -> assertThat(l).startsWith("{\"Item\":{\"pk\":{\"S\":"));

        assertThat(client.describeExport(b -> b.exportArn(e.exportArn())).exportDescription()).isEqualTo(e);
        assertThat(client.listExports(b -> b.tableArn(e.tableArn())).exportSummaries())
                .extracting(s -> s.exportArn()).containsExactly(e.exportArn());
    }

    @Test
    void incrementalExportHoldsTheChangesOfItsWindow() throws Exception {
        Tables.hashTable(client, "Changes");
        enable("Changes");
        put("Changes", "same", "1");
        put("Changes", "updated", "1");
        put("Changes", "deleted", "1");
        Thread.sleep(20);
        Instant from = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Thread.sleep(20);
        put("Changes", "updated", "2");
        client.deleteItem(b -> b.tableName("Changes").key(Map.of("pk", AttributeValue.fromS("deleted"))));
        put("Changes", "added", "1");
        Thread.sleep(20);
        Instant to = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Thread.sleep(20);
        put("Changes", "later", "1");

        ExportDescription e = completed(client.exportTableToPointInTime(b -> b.tableArn(arn("Changes"))
                .s3Bucket("incremental").exportType(ExportType.INCREMENTAL_EXPORT)
                .incrementalExportSpecification(s -> s.exportFromTime(from).exportToTime(to)
                        .exportViewType("NEW_AND_OLD_IMAGES"))).exportDescription());
        assertThat(e.itemCount()).isEqualTo(3);
        assertThat(e.incrementalExportSpecification().exportFromTime()).isEqualTo(from);
        List<String> lines = dataLines(exports.resolve("incremental").resolve(e.exportManifest()).getParent());
        assertThat(lines).hasSize(3);
        // Attribute order inside an image is the order the item was written in (Map.of's, here).
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("{\"Metadata\":{\"WriteTimestampMicros\":{\"N\":\"")
                .contains("\"Keys\":{\"pk\":{\"S\":\"updated\"}},\"NewImage\":{")
                .containsPattern("\"NewImage\":\\{(\"pk\":\\{\"S\":\"updated\"},)?\"v\":\\{\"N\":\"2\"}")
                .containsPattern("\"OldImage\":\\{(\"pk\":\\{\"S\":\"updated\"},)?\"v\":\\{\"N\":\"1\"}"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"Keys\":{\"pk\":{\"S\":\"deleted\"}}")
                .doesNotContain("NewImage"));
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("\"Keys\":{\"pk\":{\"S\":\"added\"}}")
                .doesNotContain("OldImage"));
    }

    @Test
    void csvImportCountsBadLinesAndImportsTheRest() throws IOException {
        Path csv = exports.resolve("csv-bucket").resolve("people").resolve("people.csv");
        Files.createDirectories(csv.getParent());
        Files.writeString(csv, "id,name,age\n1,Ann,30\n2,\"Bo, Jr\",41\n,NoKey,5\nx,BadNumber,3\n4,Dee,\n");
        ImportTableDescription d = completed(client.importTable(b -> b.inputFormat(InputFormat.CSV)
                .s3BucketSource(s -> s.s3Bucket("csv-bucket").s3KeyPrefix("people/"))
                .tableCreationParameters(numberKeyed("People"))).importTableDescription());
        assertThat(d.importStatus()).isEqualTo(ImportStatus.COMPLETED);
        assertThat(d.errorCount()).isEqualTo(2);
        assertThat(d.processedItemCount()).isEqualTo(5);
        assertThat(d.importedItemCount()).isEqualTo(3);
        assertThat(d.tableCreationParameters().tableName()).isEqualTo("People");
        var bo = client.getItem(b -> b.tableName("People").key(Map.of("id", AttributeValue.fromN("2")))).item();
        assertThat(bo).containsEntry("name", AttributeValue.fromS("Bo, Jr")).containsEntry("age", AttributeValue.fromS("41"));
        assertThat(client.getItem(b -> b.tableName("People").key(Map.of("id", AttributeValue.fromN("4")))).item())
                .doesNotContainKey("age");

        assertThat(client.describeImport(b -> b.importArn(d.importArn())).importTableDescription().importStatus())
                .isEqualTo(ImportStatus.COMPLETED);
        assertThat(client.listImports(b -> b.tableArn(d.tableArn())).importSummaryList())
                .extracting(s -> s.importArn()).containsExactly(d.importArn());
    }

    @Test
    void failedImportLeavesNoTable() {
        ImportTableDescription started = client.importTable(b -> b.inputFormat(InputFormat.DYNAMODB_JSON)
                .s3BucketSource(s -> s.s3Bucket("no-such-bucket"))
                .tableCreationParameters(numberKeyed("NeverCreated"))).importTableDescription();
        assertThat(started.importStatus()).isEqualTo(ImportStatus.IN_PROGRESS);
        ImportTableDescription d = completed(started);
        assertThat(d.importStatus()).isEqualTo(ImportStatus.FAILED);
        assertThat(d.failureCode()).isEqualTo("S3NoSuchBucket");
        assertThat(client.listTables().tableNames()).doesNotContain("NeverCreated");

        Tables.hashTable(client, "AlreadyThere");
        assertThatThrownBy(() -> client.importTable(b -> b.inputFormat(InputFormat.CSV)
                .s3BucketSource(s -> s.s3Bucket("csv-bucket"))
                .tableCreationParameters(numberKeyed("AlreadyThere"))))
                .isInstanceOf(ResourceInUseException.class);
    }

    @Test
    void exportNeedsPointInTimeRecoveryAndUnknownExportsAreNotFound() {
        Tables.hashTable(client, "NoPitr");
        assertThatThrownBy(() -> client.exportTableToPointInTime(b -> b.tableArn(arn("NoPitr")).s3Bucket("nopitr")))
                .isInstanceOf(PointInTimeRecoveryUnavailableException.class);
        assertThatThrownBy(() -> client.describeExport(b -> b.exportArn(
                "arn:aws:dynamodb:us-east-1:000000000000:table/NoPitr/export/01700000000000-00000000")))
                .isInstanceOf(ExportNotFoundException.class);
    }

    private static TableCreationParameters numberKeyed(String name) {
        return TableCreationParameters.builder().tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("id")
                        .attributeType(ScalarAttributeType.N).build())
                .keySchema(KeySchemaElement.builder().attributeName("id").keyType(KeyType.HASH).build()).build();
    }

    private static ImportTableDescription importJson(String table, String bucket, String prefix) {
        return completed(client.importTable(b -> b.inputFormat(InputFormat.DYNAMODB_JSON)
                .inputCompressionType(InputCompressionType.GZIP)
                .s3BucketSource(s -> s.s3Bucket(bucket).s3KeyPrefix(prefix))
                .tableCreationParameters(t -> t.tableName(table).billingMode(BillingMode.PAY_PER_REQUEST)
                        .attributeDefinitions(
                                AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S)
                                        .build(),
                                AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.N)
                                        .build())
                        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                                KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())))
                .importTableDescription());
    }

    private static ExportDescription export(String table, String bucket, String prefix) {
        enable(table);
        return completed(client.exportTableToPointInTime(b -> b.tableArn(arn(table)).s3Bucket(bucket)
                .s3Prefix(prefix)).exportDescription());
    }

    /** Polls DescribeExport until the export is no longer IN_PROGRESS, as an application does. */
    private static ExportDescription completed(ExportDescription started) {
        ExportDescription d = started;
        while (d.exportStatus() == ExportStatus.IN_PROGRESS) {
            pause();
            d = client.describeExport(b -> b.exportArn(started.exportArn())).exportDescription();
        }
        return d;
    }

    /** Polls DescribeImport until the import is no longer IN_PROGRESS. */
    private static ImportTableDescription completed(ImportTableDescription started) {
        ImportTableDescription d = started;
        while (d.importStatus() == ImportStatus.IN_PROGRESS) {
            pause();
            d = client.describeImport(b -> b.importArn(started.importArn())).importTableDescription();
        }
        return d;
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void enable(String table) {
        client.updateContinuousBackups(b -> b.tableName(table)
                .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)));
    }

    private static String arn(String table) {
        return client.describeTable(b -> b.tableName(table)).table().tableArn();
    }

    private static void put(String table, String key, String v) {
        client.putItem(b -> b.tableName(table).item(Map.of("pk", AttributeValue.fromS(key), "v", AttributeValue.fromN(v))));
    }

    /** An item line in DynamoDB JSON with every kind of value, binary and nested ones included. */
    private static String itemLine(int i) {
        String bin = Base64.getEncoder().encodeToString(new byte[] {(byte) i, (byte) (i >> 8), 0, -1});
        return "{\"Item\":{\"pk\":{\"S\":\"p" + (i % 1000) + "\"},\"sk\":{\"N\":\"" + i + "\"},"
                + "\"bin\":{\"B\":\"" + bin + "\"},"
                + "\"nested\":{\"M\":{\"list\":{\"L\":[{\"N\":\"" + (i * 7) + "\"},{\"BOOL\":" + (i % 2 == 0)
                + "},{\"NULL\":true},{\"M\":{\"deep\":{\"S\":\"d" + i + "\"}}}]},"
                + "\"ss\":{\"SS\":[\"a" + i + "\",\"b\"]},\"ns\":{\"NS\":[\"1\",\"" + (i + 2) + "\"]},"
                + "\"bs\":{\"BS\":[\"" + bin + "\"]}}},"
                + "\"text\":{\"S\":\"caf\u00e9 \\\"" + i + "\\\"\"}}}";
    }

    private static List<String> dataLines(Path exportFolder) throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> files = Files.list(exportFolder.resolve("data"))) {
            for (Path f : files.sorted().toList()) {
                try (var in = new BufferedReader(new InputStreamReader(new GZIPInputStream(Files.newInputStream(f)),
                        StandardCharsets.UTF_8))) {
                    in.lines().filter(l -> !l.isEmpty()).forEach(lines::add);
                }
            }
        }
        return lines;
    }

    private static List<String> sorted(List<String> lines) {
        List<String> copy = new ArrayList<>(lines);
        copy.sort(null);
        return copy;
    }
}
