package io.dynarocks.backup.s3;

import io.dynarocks.backup.ItemImage;
import io.dynarocks.engine.index.IndexEntries;
import io.dynarocks.engine.item.ItemCodec;
import io.dynarocks.engine.item.ItemKeys;
import io.dynarocks.engine.item.Keys;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import io.dynarocks.protocol.DynamoNumber;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.json.AttributeValueJson;
import io.dynarocks.protocol.json.JsonReader;
import io.dynarocks.protocol.model.IndexDefinition;
import io.dynarocks.protocol.model.TableDefinition;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The items of an import's source files (DynamoDB JSON lines or CSV, plain or gzipped). A line that is
 * not a valid item for the new table is counted in {@link #errors()} and logged, as DynamoDB does, and
 * the import goes on.
 */
public final class ImportSource implements ItemImage {

    /** CSV options: the delimiter and the header (null: the file's first line). */
    public record Csv(char delimiter, List<String> header) {}

    private static final Logger LOG = LoggerFactory.getLogger(ImportSource.class);
    /** Errors logged in full per import; the rest are only counted. */
    private static final int LOGGED_ERRORS = 100;

    private final String importArn;
    private final List<Path> files;
    private final String format;
    private final boolean gzip;
    private final Csv csv;
    private final TableDefinition table;
    private long processed;
    private long processedBytes;
    private long errors;

    public ImportSource(String importArn, List<Path> files, String format, boolean gzip, Csv csv,
            TableDefinition table) {
        this.importArn = importArn;
        this.files = files;
        this.format = format;
        this.gzip = gzip;
        this.csv = csv;
        this.table = table;
    }

    @Override
    public void forEach(Sink sink) {
        for (Path file : files) {
            try (InputStream raw = Files.newInputStream(file);
                    InputStream in = gzip || file.toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
                    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                processedBytes += Files.size(file);
                if ("CSV".equals(format)) {
                    readCsv(file, reader, sink);
                } else {
                    readJsonLines(file, new BufferedReader(reader, 1 << 16), sink);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void readJsonLines(Path file, BufferedReader reader, Sink sink) throws IOException {
        String line;
        long number = 0;
        while ((line = reader.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            processed++;
            try {
                Map<String, AttributeValue>[] item = new Map[1];
                JsonReader.readBody(line.getBytes(StandardCharsets.UTF_8), (n, r) -> {
                    if (n.equals("Item")) {
                        item[0] = AttributeValueJson.readItem(r);
                    } else {
                        r.skip();
                    }
                });
                if (item[0] == null) {
                    throw DynamoException.validation("The line has no Item");
                }
                accept(item[0], sink);
            } catch (DynamoException | UncheckedIOException e) {
                error(file, number, e.getMessage());
            }
        }
    }

    private void readCsv(Path file, Reader reader, Sink sink) throws IOException {
        CSVFormat.Builder b = CSVFormat.RFC4180.builder().setDelimiter(csv == null ? ',' : csv.delimiter());
        b = csv != null && csv.header() != null ? b.setHeader(csv.header().toArray(String[]::new))
                : b.setHeader().setSkipHeaderRecord(true);
        for (CSVRecord record : b.get().parse(reader)) {
            processed++;
            try {
                Map<String, AttributeValue> item = new LinkedHashMap<>();
                for (Map.Entry<String, String> column : record.toMap().entrySet()) {
                    if (column.getValue() == null || column.getValue().isEmpty()) {
                        continue;
                    }
                    item.put(column.getKey(), csvValue(column.getKey(), column.getValue()));
                }
                accept(item, sink);
            } catch (DynamoException | IllegalArgumentException e) {
                error(file, record.getRecordNumber(), e.getMessage());
            }
        }
    }

    /** CSV has no types: DynamoDB imports key attributes with their declared type and the rest as strings. */
    private AttributeValue csvValue(String name, String value) {
        String type = table.attributeDefinitions().stream().filter(d -> d.attributeName().equals(name))
                .map(d -> d.attributeType()).findFirst().orElse("S");
        return switch (type) {
            case "N" -> new AttributeValue.N(DynamoNumber.parse(value));
            case "B" -> new AttributeValue.B(new AttributeValue.Binary(Base64.getDecoder().decode(value)));
            default -> new AttributeValue.S(value);
        };
    }

    private void accept(Map<String, AttributeValue> item, Sink sink) {
        ItemSize.requireWithinLimit(item);
        var key = Keys.ofItem(table.keySchema(), item);
        for (IndexDefinition index : table.indexes()) {
            IndexEntries.checkWritable(index, item);
        }
        byte[] full = ItemKeys.key(0, ItemKeys.BASE_TABLE, key);
        sink.accept(Arrays.copyOfRange(full, 5, full.length), ItemCodec.encode(item));
    }

    private void error(Path file, long line, String message) {
        if (errors++ < LOGGED_ERRORS) {
            LOG.warn("import {}: {} line {} skipped: {}", importArn, file.getFileName(), line, message);
        }
    }

    public long processed() {
        return processed;
    }

    public long processedBytes() {
        return processedBytes;
    }

    public long errors() {
        return errors;
    }
}
