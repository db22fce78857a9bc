package io.dynarocks.backup.s3;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.ItemSize;
import io.dynarocks.protocol.json.AttributeValueJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the data files of an export in DynamoDB's layout: {@code data/<random>.json.gz}, gzipped
 * DynamoDB JSON, one item (full export) or one change (incremental export) per line, a new file every
 * {@link #ITEMS_PER_FILE} lines; then the two manifests.
 */
public final class ExportWriter implements AutoCloseable {

    /** One data file, as manifest-files.json lists it. */
    public record DataFile(String key, long itemCount, byte[] md5) {}

    static final int ITEMS_PER_FILE = 100_000;
    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path exportFolder;
    private final String exportKey;
    private final List<DataFile> files = new ArrayList<>();
    private JsonGenerator out;
    private MessageDigest digest;
    private String currentKey;
    private long inFile;
    private long items;
    private long bytes;

    /** Writes under {@code exportFolder}, whose S3 key is {@code exportKey} ({@code [prefix/]AWSDynamoDB/<id>}). */
    public ExportWriter(Path exportFolder, String exportKey) {
        this.exportFolder = exportFolder;
        this.exportKey = exportKey;
    }

    /** A full export's line: {@code {"Item":{...}}}. */
    public void item(Map<String, AttributeValue> item) {
        line(g -> {
            g.writeFieldName("Item");
            AttributeValueJson.writeItem(g, item);
        });
        bytes += ItemSize.of(item);
    }

    /** An incremental export's line: when, the keys, the new image (absent: deleted), the old image if kept. */
    public void change(long writeMicros, Map<String, AttributeValue> keys, Map<String, AttributeValue> newImage,
            Map<String, AttributeValue> oldImage) {
        line(g -> {
            g.writeObjectFieldStart("Metadata");
            g.writeObjectFieldStart("WriteTimestampMicros");
            g.writeStringField("N", Long.toString(writeMicros));
            g.writeEndObject();
            g.writeEndObject();
            g.writeFieldName("Keys");
            AttributeValueJson.writeItem(g, keys);
            if (newImage != null) {
                g.writeFieldName("NewImage");
                AttributeValueJson.writeItem(g, newImage);
            }
            if (oldImage != null) {
                g.writeFieldName("OldImage");
                AttributeValueJson.writeItem(g, oldImage);
            }
        });
        bytes += ItemSize.of(newImage != null ? newImage : keys);
    }

    private interface Line {
        void write(JsonGenerator g) throws IOException;
    }

    private void line(Line body) {
        try {
            if (out == null || inFile == ITEMS_PER_FILE) {
                next();
            }
            out.writeStartObject();
            body.write(out);
            out.writeEndObject();
            out.writeRaw('\n');
            inFile++;
            items++;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void next() throws IOException {
        finish();
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < 26; i++) {
            name.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        currentKey = exportKey + "/data/" + name + ".json.gz";
        Path file = exportFolder.resolve("data").resolve(name + ".json.gz");
        Files.createDirectories(file.getParent());
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        OutputStream stream = new GZIPOutputStream(new DigestOutputStream(Files.newOutputStream(file), digest), 1 << 16);
        out = JSON.createGenerator(stream, JsonEncoding.UTF8);
        out.setRootValueSeparator(null); // lines are separated by the newline written after each
        inFile = 0;
    }

    private void finish() throws IOException {
        if (out != null) {
            out.close();
            files.add(new DataFile(currentKey, inFile, digest.digest()));
            out = null;
        }
    }

    public long items() {
        return items;
    }

    /** The DynamoDB size of what was exported (BilledSizeBytes). */
    public long bytes() {
        return bytes;
    }

    /** Closes the last data file; the data files written. */
    public List<DataFile> files() {
        try {
            finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** Writes {@code manifest-files.json} (one line per data file) and its md5; returns its S3 key. */
    public String writeFileManifest() {
        StringBuilder lines = new StringBuilder();
        for (DataFile f : files()) {
            lines.append("{\"itemCount\":").append(f.itemCount())
                    .append(",\"md5Checksum\":\"").append(java.util.Base64.getEncoder().encodeToString(f.md5()))
                    .append("\",\"etag\":\"").append(HexFormat.of().formatHex(f.md5()))
                    .append("\",\"dataFileS3Key\":\"").append(f.key()).append("\"}\n");
        }
        write("manifest-files.json", lines.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return exportKey + "/manifest-files.json";
    }

    /** Writes {@code name} and {@code name}'s md5 file beside it. */
    public void write(String name, byte[] content) {
        try {
            Files.createDirectories(exportFolder);
            Files.write(exportFolder.resolve(name), content);
            byte[] md5 = MessageDigest.getInstance("MD5").digest(content);
            if (name.endsWith(".json")) {
                Files.writeString(exportFolder.resolve(name.replace(".json", ".md5")),
                        java.util.Base64.getEncoder().encodeToString(md5));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        files();
    }
}
