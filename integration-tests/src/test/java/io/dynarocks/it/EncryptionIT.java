package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** With --encryption-key-file, stored values are AES-256-GCM encrypted: no item value is readable on disk. */
class EncryptionIT {

    /** No four bytes repeat, so LZ4 (the store's block compression) keeps it as one literal run in clear. */
    private static final String SECRET = "Zq7Xw2Kp9Lm4Rt8Vb3Nc";

    @TempDir
    Path dir;

    @Test
    void encryptedStoreHoldsNoItemValueInClearAndReadsBackWithItsKey() throws IOException {
        Path data = dir.resolve("data");
        Path key = key("key");
        try (DynaRocks server = DynaRocks.builder().dataDir(data).port(0).encryptionKeyFile(key).start();
                DynamoDbClient client = ServerExtension.client(server.endpoint())) {
            Tables.hashTable(client, "cards");
            client.putItem(b -> b.tableName("cards").item(Map.of("pk", AttributeValue.fromS("alice"),
                    "number", AttributeValue.fromS(SECRET))));
        }
        assertThat(filesContaining(data, SECRET)).isEmpty();
        try (DynaRocks server = DynaRocks.builder().dataDir(data).port(0).encryptionKeyFile(key).start();
                DynamoDbClient client = ServerExtension.client(server.endpoint())) {
            assertThat(client.getItem(b -> b.tableName("cards").key(Map.of("pk", AttributeValue.fromS("alice"))))
                    .item()).containsEntry("number", AttributeValue.fromS(SECRET));
        }
    }

    @Test
    void sseSpecificationIsAcceptedByCreateTableAndUpdateTable() throws IOException {
        Path sseKey = key("sse-key");
        try (DynaRocks server = DynaRocks.builder().dataDir(dir.resolve("sse")).port(0)
                .encryptionKeyFile(sseKey).start();
                DynamoDbClient client = ServerExtension.client(server.endpoint())) {
            client.createTable(b -> b.tableName("sse-table").billingMode("PAY_PER_REQUEST")
                    .attributeDefinitions(a -> a.attributeName("pk").attributeType("S"))
                    .keySchema(k -> k.attributeName("pk").keyType("HASH"))
                    .sseSpecification(s -> s.enabled(true)));
            client.updateTable(b -> b.tableName("sse-table").sseSpecification(s -> s.enabled(true)));
            assertThat(client.describeTable(b -> b.tableName("sse-table")).table().tableStatus().toString())
                    .isEqualTo("ACTIVE");
        }
        // The table's SSE setting is kept with its definition across a restart.
        try (DynaRocks server = DynaRocks.builder().dataDir(dir.resolve("sse")).port(0)
                .encryptionKeyFile(sseKey).start();
                DynamoDbClient client = ServerExtension.client(server.endpoint())) {
            assertThat(client.describeTable(b -> b.tableName("sse-table")).table().sseDescription().statusAsString())
                    .isEqualTo("ENABLED");
        }
    }

    @Test
    void rotatedKeyReadsOldItemsWritesUnderTheNewKeyAndReencryptsInTheBackground() throws IOException {
        Path data = dir.resolve("rotated");
        Path oldKey = key("old-key");
        try (DynaRocks server = DynaRocks.builder().dataDir(data).port(0).encryptionKeyFile(oldKey).start();
                DynamoDbClient client = ServerExtension.client(server.endpoint())) {
            Tables.hashTable(client, "cards");
            client.putItem(b -> b.tableName("cards").item(Map.of("pk", AttributeValue.fromS("old"),
                    "number", AttributeValue.fromS(SECRET))));
        }
        // Rotation: the new key first, the previous one after it for reading.
        Path newKey = key("new-key");
        Path both = dir.resolve("both-keys");
        Files.writeString(both, Files.readString(newKey) + Files.readString(oldKey));
        try (DynaRocks server = DynaRocks.builder().dataDir(data).port(0).encryptionKeyFile(both).start();
                DynamoDbClient client = ServerExtension.client(server.endpoint())) {
            assertThat(client.getItem(b -> b.tableName("cards").key(Map.of("pk", AttributeValue.fromS("old"))))
                    .item()).containsEntry("number", AttributeValue.fromS(SECRET));
            client.putItem(b -> b.tableName("cards").item(Map.of("pk", AttributeValue.fromS("new"),
                    "number", AttributeValue.fromS(SECRET))));
            Awaitility.await().until(() -> server.meterRegistry().get("dynarocks.storage.encryption.rotation.pending")
                    .gauge().value() == 0);
        }
        assertThat(filesContaining(data, SECRET)).isEmpty();
        // Everything is under the new key now: it alone opens the store, the old one no longer does.
        try (DynaRocks server = DynaRocks.builder().dataDir(data).port(0).encryptionKeyFile(newKey).start();
                DynamoDbClient client = ServerExtension.client(server.endpoint())) {
            for (String pk : List.of("old", "new")) {
                assertThat(client.getItem(b -> b.tableName("cards").key(Map.of("pk", AttributeValue.fromS(pk))))
                        .item()).containsEntry("number", AttributeValue.fromS(SECRET));
            }
        }
        assertThatThrownBy(() -> DynaRocks.builder().dataDir(data).port(0).encryptionKeyFile(oldKey).start())
                .hasMessageContaining("wrong encryption key");
    }

    @Test
    void plainStoreHoldsTheSameValueInClear() throws IOException {
        Path data = dir.resolve("plain");
        try (DynaRocks server = DynaRocks.builder().dataDir(data).port(0).start();
                DynamoDbClient client = ServerExtension.client(server.endpoint())) {
            Tables.hashTable(client, "cards");
            client.putItem(b -> b.tableName("cards").item(Map.of("pk", AttributeValue.fromS("alice"),
                    "number", AttributeValue.fromS(SECRET))));
        }
        assertThat(filesContaining(data, SECRET)).isNotEmpty();
    }

    @Test
    void wrongOrMissingKeyRefusesToStart() throws IOException {
        Path data = dir.resolve("data");
        DynaRocks.builder().dataDir(data).port(0).encryptionKeyFile(key("right")).start().close();
        assertThatThrownBy(() -> DynaRocks.builder().dataDir(data).port(0).encryptionKeyFile(key("wrong")).start())
                .hasMessageContaining("wrong encryption key");
        assertThatThrownBy(() -> DynaRocks.builder().dataDir(data).port(0).start())
                .hasMessageContaining("the store is encrypted");
    }

    @Test
    void encryptionCannotBeTurnedOnForAnExistingPlainStore() throws IOException {
        Path data = dir.resolve("plain");
        try (DynaRocks server = DynaRocks.builder().dataDir(data).port(0).start();
                DynamoDbClient client = ServerExtension.client(server.endpoint())) {
            Tables.hashTable(client, "existing");
        }
        assertThatThrownBy(() -> DynaRocks.builder().dataDir(data).port(0).encryptionKeyFile(key("k")).start())
                .hasMessageContaining("created without encryption");
    }

    private Path key(String name) throws IOException {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        Path file = dir.resolve(name);
        Files.writeString(file, Base64.getEncoder().encodeToString(bytes) + "\n");
        return file;
    }

    /** The files under {@code root} holding {@code text} (UTF-8) anywhere in their bytes. */
    static List<Path> filesContaining(Path root, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).filter(f -> contains(f, needle)).toList();
        }
    }

    private static boolean contains(Path file, byte[] needle) {
        try {
            byte[] data = Files.readAllBytes(file);
            outer:
            for (int i = 0; i + needle.length <= data.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (data[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
