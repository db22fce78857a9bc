package io.dynarocks.engine;

import java.nio.charset.StandardCharsets;

/**
 * Whose tables a request sees. Each namespace is a database of its own (catalog, items, streams,
 * backups, TTL), so a table of one namespace is invisible to every other, ListTables included.
 * DynaRocks serves one namespace for all ({@link #SHARED}) unless asked otherwise; DynamoDB Local
 * without {@code -sharedDb} keeps one per access key id and region ({@link #ofCredential}); isolating
 * IAM accounts would key them by account id and region the same way.
 *
 * @param name the namespace's name, as DynamoDB Local names its database files
 *             ({@code shared-local-instance}, {@code <accessKeyId>_<region>})
 */
public record Namespace(String name) {

    /** The one database every request sees when databases are shared. */
    public static final Namespace SHARED = new Namespace("shared-local-instance");

    public Namespace {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a namespace needs a name");
        }
    }

    /** The database of one access key id in one region (DynamoDB Local without {@code -sharedDb}). */
    public static Namespace ofCredential(String accessKeyId, String region) {
        return new Namespace(accessKeyId + "_" + region);
    }

    /**
     * The name as one path segment: letters, digits, {@code .}, {@code _} and {@code -} are kept, every
     * other byte is written {@code %XX}, so no name can climb out of its parent directory.
     */
    public String directoryName() {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    || (c == '.' && out.length() > 0)) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }
}
