package io.dynarocks.backup.operation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.dynarocks.backup.s3.ImportSource;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.operation.Constraints;
import io.dynarocks.protocol.operation.CreateTableRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * ImportTable's request. {@code TableCreationParameters} is validated as CreateTable's request (the same
 * members); its JSON is kept to echo it in the import's description.
 */
public record ImportTableRequest(String clientToken, String s3Bucket, String s3KeyPrefix, String s3BucketOwner,
        String inputFormat, ImportSource.Csv csv, String compression, CreateTableRequest table,
        String tableCreationJson, String inputFormatOptionsJson) {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    public static ImportTableRequest decode(byte[] body) {
        var f = new Object() {
            String token;
            boolean source;
            String bucket;
            String prefix;
            String owner;
            String format;
            String delimiter;
            List<String> header;
            String compression;
        };
        JsonReader.readBody(body, (n, r) -> {
            switch (n) {
                case "ClientToken" -> f.token = r.readString();
                case "S3BucketSource" -> {
                    f.source = !r.isNull();
                    r.readObject((m, v) -> {
                        switch (m) {
                            case "S3Bucket" -> f.bucket = v.readString();
                            case "S3KeyPrefix" -> f.prefix = v.readString();
                            case "S3BucketOwner" -> f.owner = v.readString();
                            default -> v.skip();
                        }
                    });
                }
                case "InputFormat" -> f.format = r.readString();
                case "InputFormatOptions" -> r.readObject((m, v) -> {
                    if (m.equals("Csv")) {
                        v.readObject((o, w) -> {
                            switch (o) {
                                case "Delimiter" -> f.delimiter = w.readString();
                                case "HeaderList" -> f.header = w.readList(JsonReader::readString);
                                default -> w.skip();
                            }
                        });
                    } else {
                        v.skip();
                    }
                });
                case "InputCompressionType" -> f.compression = r.readString();
                default -> r.skip();
            }
        });
        String tableJson = member(body, "TableCreationParameters");
        Constraints c = new Constraints();
        if (!f.source) {
            c.notNull(null, "s3BucketSource");
        } else {
            c.notNull(f.bucket, "s3BucketSource.s3Bucket");
        }
        c.notNull(f.format, "inputFormat").oneOf(f.format, "inputFormat", "DYNAMODB_JSON", "ION", "CSV");
        c.oneOf(f.compression, "inputCompressionType", "GZIP", "ZSTD", "NONE");
        c.notNull(tableJson, "tableCreationParameters");
        if (f.delimiter != null) {
            c.length(f.delimiter, 1, 1, "inputFormatOptions.csv.delimiter");
        }
        c.check();
        CreateTableRequest table = CreateTableRequest.decode(tableJson.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        if ("ION".equals(f.format) || "ZSTD".equals(f.compression)) {
            throw DynamoException.validation("ION input and ZSTD compression are not supported by this server");
        }
        ImportSource.Csv csv = new ImportSource.Csv(f.delimiter == null ? ',' : f.delimiter.charAt(0), f.header);
        return new ImportTableRequest(f.token, f.bucket, f.prefix, f.owner, f.format, csv,
                f.compression == null ? "NONE" : f.compression, table, tableJson, member(body, "InputFormatOptions"));
    }

    /** The JSON of one top-level member of {@code body}, or null when absent. */
    static String member(byte[] body, String name) {
        try (JsonParser p = JSON.createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals(name) && value != JsonToken.VALUE_NULL) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    try (JsonGenerator g = JSON.createGenerator(out)) {
                        g.copyCurrentStructure(p);
                    }
                    return out.toString(java.nio.charset.StandardCharsets.UTF_8);
                }
                p.skipChildren();
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
