package io.dynarocks.backup.operation;

import io.dynarocks.backup.BackupKeys;
import io.dynarocks.backup.TableRestorer;
import io.dynarocks.backup.s3.Descriptions;
import io.dynarocks.backup.s3.ImportSource;
import io.dynarocks.backup.s3.S3Directory;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.TableDefinition;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * ImportTable, DescribeImport and ListImports. As in DynamoDB the call answers IN_PROGRESS and the import
 * runs in the background: it reads every object under {@code <export dir>/<S3Bucket>/<S3KeyPrefix>} (an
 * export's manifests excepted) and publishes the table only once all of it is read, so a failed import
 * leaves no table; DescribeImport then reports COMPLETED or FAILED.
 */
public final class ImportOperations {

    private static final Set<String> NOT_DATA = Set.of("manifest-summary.json", "manifest-files.json",
            "manifest-summary.md5", "manifest-files.md5", "_started");
    private static final String LOG_GROUP = "arn:aws:logs:%s:%s:log-group:/aws-dynamodb/imports:*";

    private ImportOperations() {}

    public static void register(OperationRegistry registry, Engine engine, TableRestorer restorer, S3Directory s3,
            Executor jobs) {
        Descriptions imports = new Descriptions(engine.storage(), BackupKeys.importRecords(), BackupKeys::importRecord);
        registry.register("ImportTable", ImportTableRequest::decode, request -> {
            // A retried request (same ClientToken, as the SDKs send) gets the import it started.
            var again = imports.byClientToken(request.clientToken());
            if (again.isPresent()) {
                return g -> ExportOperations.raw(g, "ImportTableDescription", again.get());
            }
            String name = request.table().tableName();
            if (engine.catalog().exists(name)) {
                throw DynamoException.resourceInUse("Table already exists: " + name);
            }
            long start = engine.clock().millis();
            String arn = engine.tableArn(name) + "/import/"
                    + String.format("%014d-%08x", start, ThreadLocalRandom.current().nextInt());
            TableDefinition definition = restorer.defineNew(request.table());
            Descriptions.Entry started = describe(request, arn, definition, start, 0, "IN_PROGRESS", null, 0, null,
                    null);
            imports.put(started, request.clientToken());
            jobs.execute(() -> imports.put(run(engine, restorer, s3, request, arn, definition, start),
                    request.clientToken()));
            return g -> ExportOperations.raw(g, "ImportTableDescription", started);
        });
        registry.register("DescribeImport", body -> ExportOperations.arn(body, "ImportArn", "importArn"), arn -> {
            Descriptions.Entry e = imports.get(arn).orElseThrow(() -> new DynamoException("ImportNotFoundException",
                    "Import not found: " + arn, 400));
            return g -> ExportOperations.raw(g, "ImportTableDescription", e);
        });
        registry.register("ListImports", ListPage::decodeImports, page -> {
            ListPage.Slice slice = page.slice(imports.list(page.tableArn()));
            return g -> slice.write(g, "ImportSummaryList", (w, e) -> {
                w.writeStartObject();
                byte[] json = e.json().getBytes(StandardCharsets.UTF_8);
                for (String member : List.of("ImportArn", "ImportStatus", "TableArn", "S3BucketSource",
                        "CloudWatchLogGroupArn", "InputFormat", "StartTime", "EndTime")) {
                    String value = ImportTableRequest.member(json, member);
                    if (value != null) {
                        w.writeFieldName(member);
                        w.writeRawValue(value);
                    }
                }
                w.writeEndObject();
            });
        });
    }

    /** Reads the files and creates the table; the COMPLETED or FAILED description. */
    private static Descriptions.Entry run(Engine engine, TableRestorer restorer, S3Directory s3, ImportTableRequest q,
            String arn, TableDefinition definition, long start) {
        Path bucket = s3.bucket(q.s3Bucket());
        String status = "COMPLETED";
        String failureCode = null;
        String failureMessage = null;
        ImportSource source = null;
        long imported = 0;
        if (!Files.isDirectory(bucket)) {
            status = "FAILED";
            failureCode = "S3NoSuchBucket";
            failureMessage = "The specified bucket does not exist";
        } else {
            List<Path> files = files(bucket, q.s3KeyPrefix());
            if (files.isEmpty()) {
                status = "FAILED";
                failureCode = "S3NoSuchKey";
                failureMessage = "No objects were found under the specified S3 key prefix";
            } else {
                source = new ImportSource(arn, files, q.inputFormat(), q.compression().equals("GZIP"), q.csv(),
                        definition);
                try {
                    imported = restorer.restore(definition, source, true).stats().itemCount();
                } catch (RuntimeException e) {
                    status = "FAILED";
                    failureCode = e instanceof DynamoException d ? d.type() : "ImportReadError";
                    failureMessage = e.getMessage();
                }
            }
        }
        return describe(q, arn, definition, start, engine.clock().millis(), status, source, imported, failureCode,
                failureMessage);
    }

    private static Descriptions.Entry describe(ImportTableRequest q, String arn, TableDefinition definition,
            long start, long end, String finalStatus, ImportSource read, long importedItems, String code,
            String message) {
        byte[] description = JsonWriter.object(g -> {
            g.writeStringField("ImportArn", arn);
            g.writeStringField("ImportStatus", finalStatus);
            g.writeStringField("TableArn", definition.tableArn());
            g.writeStringField("TableId", definition.tableId());
            if (q.clientToken() != null) {
                g.writeStringField("ClientToken", q.clientToken());
            }
            g.writeObjectFieldStart("S3BucketSource");
            if (q.s3BucketOwner() != null) {
                g.writeStringField("S3BucketOwner", q.s3BucketOwner());
            }
            g.writeStringField("S3Bucket", q.s3Bucket());
            if (q.s3KeyPrefix() != null) {
                g.writeStringField("S3KeyPrefix", q.s3KeyPrefix());
            }
            g.writeEndObject();
            g.writeNumberField("ErrorCount", read == null ? 0 : read.errors());
            // The table's region and account (the fourth and fifth fields of its ARN) own the log group.
            String[] tableArn = definition.tableArn().split(":");
            g.writeStringField("CloudWatchLogGroupArn", LOG_GROUP.formatted(tableArn[3], tableArn[4]));
            g.writeStringField("InputFormat", q.inputFormat());
            if (q.inputFormatOptionsJson() != null) {
                g.writeFieldName("InputFormatOptions");
                g.writeRawValue(q.inputFormatOptionsJson());
            }
            g.writeStringField("InputCompressionType", q.compression());
            g.writeFieldName("TableCreationParameters");
            g.writeRawValue(q.tableCreationJson());
            g.writeNumberField("StartTime", start / 1000.0);
            if (end > 0) {
                g.writeNumberField("EndTime", end / 1000.0);
            }
            g.writeNumberField("ProcessedSizeBytes", read == null ? 0 : read.processedBytes());
            g.writeNumberField("ProcessedItemCount", read == null ? 0 : read.processed());
            g.writeNumberField("ImportedItemCount", importedItems);
            if (code != null) {
                g.writeStringField("FailureCode", code);
                g.writeStringField("FailureMessage", message);
            }
        });
        return new Descriptions.Entry(arn, definition.tableArn(), start, new String(description, StandardCharsets.UTF_8));
    }

    /** The data objects under the prefix, in key order. */
    private static List<Path> files(Path bucket, String prefix) {
        try (Stream<Path> all = Files.walk(bucket)) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> !NOT_DATA.contains(p.getFileName().toString()))
                    .filter(p -> prefix == null || key(bucket, p).startsWith(prefix))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(Path bucket, Path file) {
        return bucket.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
