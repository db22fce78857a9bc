package io.dynarocks.backup.s3;

import io.dynarocks.protocol.DynamoException;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * A local directory standing in for S3: bucket {@code b} and key prefix {@code p} are the folder
 * {@code <root>/b/p}. Keys never leave their bucket's folder.
 */
public final class S3Directory {

    private static final Pattern BUCKET = Pattern.compile("[a-z0-9A-Z]+[\\.\\-\\w]*[a-z0-9A-Z]+");

    private final Path root;

    public S3Directory(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    /** The folder of {@code bucket}. */
    public Path bucket(String bucket) {
        if (bucket == null || !BUCKET.matcher(bucket).matches() || bucket.length() > 255) {
            throw DynamoException.validation("Invalid S3 bucket name: " + bucket);
        }
        return root.resolve(bucket);
    }

    /** The file or folder of {@code key} in {@code bucket}; a key may not climb out of its bucket. */
    public Path resolve(String bucket, String key) {
        Path b = bucket(bucket);
        if (key == null || key.isEmpty()) {
            return b;
        }
        Path p = b.resolve(key).normalize();
        if (!p.startsWith(b)) {
            throw DynamoException.validation("Invalid S3 key: " + key);
        }
        return p;
    }

    /** {@code prefix/rest}, or {@code rest} alone without a prefix: an S3 key. */
    public static String key(String prefix, String rest) {
        if (prefix == null || prefix.isEmpty()) {
            return rest;
        }
        return prefix.endsWith("/") ? prefix + rest : prefix + "/" + rest;
    }
}
