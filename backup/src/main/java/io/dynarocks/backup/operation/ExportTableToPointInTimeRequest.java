package io.dynarocks.backup.operation;

import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;

/** ExportTableToPointInTime's request: the table, the time or window, and the S3 destination. */
public record ExportTableToPointInTimeRequest(String tableArn, Long exportMillis, String clientToken,
        String s3Bucket, String s3BucketOwner, String s3Prefix, String s3SseAlgorithm, String exportFormat,
        String exportType, Long fromMillis, Long toMillis, String viewType) {

    public static ExportTableToPointInTimeRequest decode(byte[] body) {
        var f = new Object() {
            String table;
            Long at;
            String token;
            String bucket;
            String owner;
            String prefix;
            String sse;
            String format;
            String type;
            Long from;
            Long to;
            String view;
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "TableArn" -> f.table = r.readString();
                case "ExportTime" -> f.at = BackupRequests.millis(r);
                case "ClientToken" -> f.token = r.readString();
                case "S3Bucket" -> f.bucket = r.readString();
                case "S3BucketOwner" -> f.owner = r.readString();
                case "S3Prefix" -> f.prefix = r.readString();
                case "S3SseAlgorithm" -> f.sse = r.readString();
                case "ExportFormat" -> f.format = r.readString();
                case "ExportType" -> f.type = r.readString();
                case "IncrementalExportSpecification" -> r.readObject((m, v) -> {
                    switch (m) {
                        case "ExportFromTime" -> f.from = BackupRequests.millis(v);
                        case "ExportToTime" -> f.to = BackupRequests.millis(v);
                        case "ExportViewType" -> f.view = v.readString();
                        default -> v.skip();
                    }
                });
                default -> r.skip();
            }
        });
        Constraints c = new Constraints().notNull(f.table, "tableArn").notNull(f.bucket, "s3Bucket");
        c.length(f.table, 1, 1024, "tableArn").length(f.bucket, 0, 255, "s3Bucket").length(f.prefix, 0, 1024, "s3Prefix");
        c.oneOf(f.sse, "s3SseAlgorithm", "AES256", "KMS");
        c.oneOf(f.format, "exportFormat", "DYNAMODB_JSON", "ION");
        c.oneOf(f.type, "exportType", "FULL_EXPORT", "INCREMENTAL_EXPORT");
        c.oneOf(f.view, "incrementalExportSpecification.exportViewType", "NEW_IMAGE", "NEW_AND_OLD_IMAGES");
        c.check();
        String type = f.type == null ? "FULL_EXPORT" : f.type;
        if (type.equals("INCREMENTAL_EXPORT") && f.from == null) {
            throw DynamoException.validation("IncrementalExportSpecification.ExportFromTime is required for an "
                    + "incremental export");
        }
        if (type.equals("INCREMENTAL_EXPORT") && f.at != null) {
            throw DynamoException.validation("ExportTime can not be specified for an incremental export");
        }
        return new ExportTableToPointInTimeRequest(f.table, f.at, f.token, f.bucket, f.owner, f.prefix,
                f.sse == null ? "AES256" : f.sse, f.format == null ? "DYNAMODB_JSON" : f.format, type, f.from, f.to,
                f.view == null ? "NEW_AND_OLD_IMAGES" : f.view);
    }
}
