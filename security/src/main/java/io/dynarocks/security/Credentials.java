package io.dynarocks.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The access keys the server accepts, from a credentials file ({@code --auth}) and from
 * {@code --auth-key ACCESS_KEY:SECRET[:POLICY_FILE]} options. A credentials file is JSON or YAML (the same
 * tree; see {@link #readDocument}):
 * <pre>{"accounts": [{"id": "111122223333", "users": [{"name": "alice", "tags": {"team": "red"},
 *   "policies": ["alice-policy.json", {"Version": "2012-10-17", "Statement": [...]}],
 *   "keys": [{"accessKeyId": "AKIA...", "secretAccessKey": "...", "sessionToken": "..."}]}]}]}</pre>
 * Policy file names are relative to the credentials file. A user without {@code policies} has full access
 * to its own account's tables, like a key given without a policy file.
 */
public final class Credentials {

    /** The account of {@code --auth-key} keys, and the one DynamoDB Local's ARNs name. */
    public static final String DEFAULT_ACCOUNT = io.dynarocks.engine.Engine.DEFAULT_ACCOUNT;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new YAMLMapper();

    private final Map<String, AccessKey> keys;

    private Credentials(Map<String, AccessKey> keys) {
        this.keys = Map.copyOf(keys);
    }

    /** Exactly these keys. */
    static Credentials of(AccessKey... keys) {
        Map<String, AccessKey> all = new LinkedHashMap<>();
        for (AccessKey k : keys) {
            add(all, k);
        }
        return new Credentials(all);
    }

    /** The key with this id, or null. */
    public AccessKey find(String accessKeyId) {
        return keys.get(accessKeyId);
    }

    /** Whether some key belongs to account {@code accountId}. */
    public boolean hasAccount(String accountId) {
        return keys.values().stream().anyMatch(k -> k.principal().accountId().equals(accountId));
    }

    public boolean isEmpty() {
        return keys.isEmpty();
    }

    /** Keys from {@code authFile} (may be null) and the {@code ACCESS_KEY:SECRET[:POLICY_FILE]} specs. */
    public static Credentials load(Path authFile, List<String> keySpecs) {
        Map<String, AccessKey> keys = new LinkedHashMap<>();
        if (authFile != null) {
            readFile(authFile, keys);
        }
        for (String spec : keySpecs) {
            AccessKey key = parseSpec(spec);
            add(keys, key);
        }
        return new Credentials(keys);
    }

    /** {@code ACCESS_KEY:SECRET[:POLICY_FILE]}: a user of the default account named after its key. */
    static AccessKey parseSpec(String spec) {
        String[] parts = spec.split(":", 3);
        if (parts.length < 2 || parts[0].isEmpty() || parts[1].isEmpty()) {
            throw new IllegalArgumentException("--auth-key must be ACCESS_KEY:SECRET[:POLICY_FILE], got '"
                    + (parts.length > 0 ? parts[0] : "") + ":...'");
        }
        Policies policies = parts.length == 3
                ? Policies.of(List.of(readDocument(Path.of(parts[2]))))
                : Policies.FULL_ACCESS;
        return new AccessKey(parts[0], parts[1], null, new Principal(DEFAULT_ACCOUNT, parts[0], Map.of(), policies));
    }

    private static void readFile(Path file, Map<String, AccessKey> keys) {
        JsonNode root = readDocument(file);
        if (!root.isObject()) {
            throw new IllegalArgumentException(file + ": a credentials file is an object with \"accounts\"");
        }
        Path base = file.toAbsolutePath().getParent();
        for (JsonNode account : root.path("accounts")) {
            String accountId = required(account, "id", file);
            if (!accountId.matches("[0-9]{12}")) {
                throw new IllegalArgumentException(file + ": account id must be 12 digits, got '" + accountId + "'");
            }
            for (JsonNode user : account.path("users")) {
                String name = required(user, "name", file);
                Map<String, String> tags = new HashMap<>();
                user.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
                Policies policies = Policies.FULL_ACCESS;
                if (user.has("policies")) {
                    List<JsonNode> documents = new ArrayList<>();
                    for (JsonNode p : user.get("policies")) {
                        documents.add(p.isTextual() ? readDocument(base.resolve(p.asText())) : p);
                    }
                    policies = Policies.of(documents);
                }
                Principal principal = new Principal(accountId, name, Map.copyOf(tags), policies);
                for (JsonNode k : user.path("keys")) {
                    String token = k.hasNonNull("sessionToken") ? k.get("sessionToken").asText() : null;
                    add(keys, new AccessKey(required(k, "accessKeyId", file), required(k, "secretAccessKey", file),
                            token, principal));
                }
            }
        }
    }

    private static void add(Map<String, AccessKey> keys, AccessKey key) {
        if (keys.putIfAbsent(key.id(), key) != null) {
            throw new IllegalArgumentException("access key " + key.id() + " is given twice");
        }
    }

    private static String required(JsonNode node, String field, Path file) {
        JsonNode value = node.get(field);
        if (value != null && value.isValueNode() && !value.isTextual() && !value.isNull()) {
            // YAML reads 111122223333 or 0123 as numbers, losing leading zeros: ask for a string
            throw new IllegalArgumentException(file + ": \"" + field + "\" must be a string (quote it in YAML), got "
                    + value);
        }
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw new IllegalArgumentException(file + ": missing \"" + field + "\" in " + node);
        }
        return value.asText();
    }

    /**
     * A credentials or policy file as a tree: YAML when it is named {@code .yaml}/{@code .yml}, JSON when
     * named {@code .json}, otherwise JSON if it starts with '{' (after blanks) and YAML if not.
     */
    static JsonNode readDocument(Path file) {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml")
                || (!name.endsWith(".json") && !startsWithBrace(bytes));
        try {
            JsonNode root = (yaml ? YAML : JSON).readTree(bytes);
            if (root == null || root.isMissingNode()) {
                throw new IllegalArgumentException(file + " is empty");
            }
            return root;
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot parse " + file + " as " + (yaml ? "YAML" : "JSON") + ": "
                    + e.getMessage(), e);
        }
    }

    private static boolean startsWithBrace(byte[] bytes) {
        for (byte b : bytes) {
            if (!Character.isWhitespace(b)) {
                return b == '{';
            }
        }
        return false;
    }
}
