package io.dynarocks.engine;

import java.nio.charset.StandardCharsets;

/**
 * Whose tables a request sees. Each namespace is a database of its own (catalog, items, streams,
 * backups, TTL), so a table of one namespace is invisible to every other, ListTables included.
 * DynaRocks serves one namespace for all ({@link #shared}) unless asked otherwise; DynamoDB Local
 * without {@code -sharedDb} keeps one per access key id and region ({@link #ofCredential}); with
 * authentication on, each IAM account has its own ({@link #ofAccount}), as in AWS.
 *
 * @param name      the namespace's name, as DynamoDB Local names its database files
 *                  ({@code shared-local-instance}, {@code <accessKeyId>_<region>})
 * @param accountId the account its tables belong to, in their ARNs
 * @param region    the region its tables are in, in their ARNs: that of the server, or that of the credential
 */
public record Namespace(String name, String accountId, String region) {

    private static final String SHARED_NAME = "shared-local-instance";

    public Namespace {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a namespace needs a name");
        }
        if (accountId == null || !accountId.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("an account id is 12 digits: " + accountId);
        }
        if (region == null || region.isEmpty()) {
            throw new IllegalArgumentException("a namespace needs a region");
        }
    }

    /** The one database every request sees when databases are shared: that of the default account in {@code region}. */
    public static Namespace shared(String region) {
        return new Namespace(SHARED_NAME, Engine.DEFAULT_ACCOUNT, region);
    }

    /** Whether this is the shared database (of the server's region, which its peers replicate). */
    public boolean isShared() {
        return name.equals(SHARED_NAME);
    }

    /** The database of one access key id in one region (DynamoDB Local without {@code -sharedDb}). */
    public static Namespace ofCredential(String accessKeyId, String region) {
        return ofCredential(accessKeyId, region, Engine.DEFAULT_ACCOUNT);
    }

    /** The same for a key of account {@code accountId}, whose tables carry that account in their ARNs. */
    public static Namespace ofCredential(String accessKeyId, String region, String accountId) {
        return new Namespace(accessKeyId + "_" + region, accountId, region);
    }

    /**
     * The database of an account's tables in the server's {@code region} when databases are shared among its
     * keys: the default account's is the {@linkplain #shared shared} one (so a store keeps its tables when
     * authentication is turned on), another's {@code account-<id>}.
     */
    public static Namespace ofAccount(String accountId, String region) {
        return accountId.equals(Engine.DEFAULT_ACCOUNT) ? shared(region)
                : new Namespace("account-" + accountId, accountId, region);
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
