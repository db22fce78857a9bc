package io.dynarocks.backup.operation;

import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.backup.BackupErrors;
import io.dynarocks.backup.BackupKeys;
import io.dynarocks.backup.PitrSettings;
import io.dynarocks.backup.PitrStore;
import io.dynarocks.backup.TableExport;
import io.dynarocks.backup.s3.Descriptions;
import io.dynarocks.backup.s3.ExportWriter;
import io.dynarocks.backup.s3.S3Directory;
import io.dynarocks.engine.Engine;
import io.dynarocks.engine.OperationRegistry;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.json.JsonWriter;
import io.dynarocks.protocol.model.TableDefinition;
import io.dynarocks.protocol.operation.Constraints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import io.dynarocks.storage.Snapshot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ExportTableToPointInTime, DescribeExport and ListExports. As in DynamoDB the call answers IN_PROGRESS
 * and the export is written in the background (from a snapshot taken by the call), to {@code <export
 * dir>/<S3Bucket>/<S3Prefix>/AWSDynamoDB/<export id>/} in DynamoDB's layout: manifest-summary.json,
 * manifest-files.json, data/*.json.gz; DescribeExport then reports COMPLETED.
 */
public final class ExportOperations {

    private static final Logger LOG = LoggerFactory.getLogger(ExportOperations.class);

    private ExportOperations() {}

    public static void register(OperationRegistry registry, Engine engine, PitrStore pitr, S3Directory s3,
            Executor jobs) {
        Descriptions exports = new Descriptions(engine.storage(), BackupKeys.exportRecords(), BackupKeys::exportRecord);
        TableExport export = new TableExport(engine, pitr);
        registry.register("ExportTableToPointInTime", ExportTableToPointInTimeRequest::decode, request -> {
            // A retried request (same ClientToken, as the SDKs send) gets the export it started.
            var again = exports.byClientToken(request.clientToken());
            if (again.isPresent()) {
                return g -> raw(g, "ExportDescription", again.get());
            }
            Job job = plan(engine, pitr, request);
            Snapshot snapshot = pitr.snapshot();
            Descriptions.Entry started = job.describe("IN_PROGRESS", 0, 0, 0, null);
            exports.put(started, request.clientToken());
            jobs.execute(() -> exports.put(write(engine, export, s3, job, snapshot), request.clientToken()));
            return g -> raw(g, "ExportDescription", started);
        });
        registry.register("DescribeExport", body -> arn(body, "ExportArn", "exportArn"), arn -> {
            Descriptions.Entry e = exports.get(arn).orElseThrow(() -> new DynamoException("ExportNotFoundException",
                    "Export not found: " + arn, 400));
            return g -> raw(g, "ExportDescription", e);
        });
        registry.register("ListExports", ListPage::decodeExports, page -> {
            ListPage.Slice slice = page.slice(exports.list(page.tableArn()));
            return g -> slice.write(g, "ExportSummaries", (w, e) -> {
                w.writeStartObject();
                w.writeStringField("ExportArn", e.arn());
                w.writeStringField("ExportStatus", member(e, "ExportStatus"));
                w.writeStringField("ExportType", member(e, "ExportType"));
                w.writeEndObject();
            });
        });
    }

    /** An export being written: what DescribeExport reports of it at each stage. */
    private record Job(ExportTableToPointInTimeRequest q, TableDefinition table, PitrSettings settings, String arn,
            String exportKey, long start, long at, long from, long to, boolean incremental) {

        Descriptions.Entry describe(String status, long end, long items, long bytes, String failure) {
            byte[] json = JsonWriter.object(g -> {
                g.writeStringField("ExportArn", arn);
                g.writeStringField("ExportStatus", status);
                g.writeNumberField("StartTime", start / 1000.0);
                if (end > 0) {
                    g.writeNumberField("EndTime", end / 1000.0);
                }
                g.writeStringField("ExportManifest", S3Directory.key(exportKey, "manifest-summary.json"));
                g.writeStringField("TableArn", table.tableArn());
                g.writeStringField("TableId", table.tableId());
                if (!incremental) {
                    g.writeNumberField("ExportTime", at / 1000.0);
                }
                if (q.clientToken() != null) {
                    g.writeStringField("ClientToken", q.clientToken());
                }
                g.writeStringField("S3Bucket", q.s3Bucket());
                if (q.s3BucketOwner() != null) {
                    g.writeStringField("S3BucketOwner", q.s3BucketOwner());
                }
                if (q.s3Prefix() != null) {
                    g.writeStringField("S3Prefix", q.s3Prefix());
                }
                g.writeStringField("S3SseAlgorithm", q.s3SseAlgorithm());
                if (failure != null) {
                    g.writeStringField("FailureCode", "ExportWriteFailed");
                    g.writeStringField("FailureMessage", failure);
                }
                g.writeStringField("ExportFormat", q.exportFormat());
                if (status.equals("COMPLETED")) {
                    g.writeNumberField("BilledSizeBytes", bytes);
                    g.writeNumberField("ItemCount", items);
                }
                g.writeStringField("ExportType", q.exportType());
                if (incremental) {
                    g.writeObjectFieldStart("IncrementalExportSpecification");
                    g.writeNumberField("ExportFromTime", from / 1000.0);
                    g.writeNumberField("ExportToTime", to / 1000.0);
                    g.writeStringField("ExportViewType", q.viewType());
                    g.writeEndObject();
                }
            });
            return new Descriptions.Entry(arn, table.tableArn(), start, new String(json, StandardCharsets.UTF_8));
        }
    }

    /** Checks the request and fixes what is exported now; the files are written by {@link #write}. */
    private static Job plan(Engine engine, PitrStore pitr, ExportTableToPointInTimeRequest q) {
        String name = BackupRequests.tableName(q.tableArn());
        TableDefinition table = engine.catalog().find(name).orElseThrow(() -> BackupErrors.tableNotFound(name));
        PitrSettings s = pitr.current(table);
        if (s == null) {
            throw new DynamoException("PointInTimeRecoveryUnavailableException",
                    "Point in time recovery is not enabled for table '" + name + "'", 400);
        }
        if ("ION".equals(q.exportFormat())) {
            throw DynamoException.validation("ExportFormat ION is not supported by this server; use DYNAMODB_JSON");
        }
        long start = engine.clock().millis();
        long earliest = pitr.earliestMillis(s);
        long latest = pitr.latestMillis(s);
        boolean incremental = q.exportType().equals("INCREMENTAL_EXPORT");
        long at = q.exportMillis() != null ? q.exportMillis() : latest;
        long from = incremental ? q.fromMillis() : at;
        long to = incremental ? (q.toMillis() != null ? q.toMillis() : latest) : at;
        if (from < earliest || to > latest || from > to) {
            throw new DynamoException("InvalidExportTimeException", "The specified export time is outside of the "
                    + "point in time recovery window", 400);
        }
        String id = String.format("%014d-%08x", start, ThreadLocalRandom.current().nextInt());
        return new Job(q, table, s, table.tableArn() + "/export/" + id,
                S3Directory.key(q.s3Prefix(), "AWSDynamoDB/" + id), start, at, from, to, incremental);
    }

    /** Writes the data files and the manifests from {@code snapshot}; the COMPLETED (or FAILED) description. */
    private static Descriptions.Entry write(Engine engine, TableExport export, S3Directory s3, Job job,
            Snapshot snapshot) {
        ExportTableToPointInTimeRequest q = job.q();
        try (snapshot) {
            ExportWriter out = new ExportWriter(s3.resolve(q.s3Bucket(), job.exportKey()), job.exportKey());
            out.write("_started", new byte[0]);
            if (job.incremental()) {
                export.incremental(job.settings(), snapshot, job.table(), job.from(), job.to(),
                        q.viewType().equals("NEW_AND_OLD_IMAGES"), out);
            } else {
                export.full(job.settings(), snapshot, job.at(), out);
            }
            String filesKey = out.writeFileManifest();
            long end = engine.clock().millis();
            out.write("manifest-summary.json", JsonWriter.object(g -> {
                g.writeStringField("version", "2020-06-30");
                g.writeStringField("exportArn", job.arn());
                g.writeStringField("startTime", Instant.ofEpochMilli(job.start()).toString());
                g.writeStringField("endTime", Instant.ofEpochMilli(end).toString());
                g.writeStringField("tableArn", job.table().tableArn());
                g.writeStringField("tableId", job.table().tableId());
                if (job.incremental()) {
                    g.writeStringField("exportFromTime", Instant.ofEpochMilli(job.from()).toString());
                    g.writeStringField("exportToTime", Instant.ofEpochMilli(job.to()).toString());
                } else {
                    g.writeStringField("exportTime", Instant.ofEpochMilli(job.at()).toString());
                }
                g.writeStringField("s3Bucket", q.s3Bucket());
                g.writeStringField("s3Prefix", q.s3Prefix());
                g.writeStringField("s3SseAlgorithm", q.s3SseAlgorithm());
                g.writeNullField("s3SseKmsKeyId");
                g.writeStringField("manifestFilesS3Key", filesKey);
                g.writeNumberField("billedSizeBytes", out.bytes());
                g.writeNumberField("itemCount", out.items());
                g.writeStringField("outputFormat", q.exportFormat());
                g.writeStringField("exportType", q.exportType());
                if (job.incremental()) {
                    g.writeStringField("outputView", q.viewType());
                }
            }));
            return job.describe("COMPLETED", end, out.items(), out.bytes(), null);
        } catch (RuntimeException e) {
            LOG.error("export {} failed", job.arn(), e);
            return job.describe("FAILED", engine.clock().millis(), 0, 0, String.valueOf(e.getMessage()));
        }
    }

    /** Writes a stored description under {@code member}. */
    static void raw(JsonGenerator g, String member, Descriptions.Entry e) throws IOException {
        g.writeFieldName(member);
        g.writeRawValue(e.json());
    }

    /** One string member of a stored description. */
    static String member(Descriptions.Entry e, String name) {
        String[] value = new String[1];
        JsonReader.readBody(e.json().getBytes(StandardCharsets.UTF_8), (n, r) -> {
            if (n.equals(name)) {
                value[0] = r.readString();
            } else {
                r.skip();
            }
        });
        return value[0];
    }

    /** A request with one required ARN member. */
    static String arn(byte[] body, String member, String constraintName) {
        String[] arn = new String[1];
        JsonReader.readBody(body, (n, r) -> {
            if (n.equals(member)) {
                arn[0] = r.readString();
            } else {
                r.skip();
            }
        });
        Constraints c = new Constraints().notNull(arn[0], constraintName);
        c.length(arn[0], 37, 1024, constraintName).check();
        return arn[0];
    }
}
