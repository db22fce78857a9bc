package io.dynarocks.bench.load;

import io.dynarocks.client.InProcessClients;
import io.dynarocks.server.DynaRocks;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ImportStatus;
import software.amazon.awssdk.services.dynamodb.model.ImportTableDescription;
import software.amazon.awssdk.services.dynamodb.model.InputCompressionType;
import software.amazon.awssdk.services.dynamodb.model.InputFormat;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Backup, restore and point-in-time-recovery costs on a RocksDB server: loads N items of about B bytes
 * (through ImportTable, the bulk path), times CreateBackup and RestoreTableFromBackup, then enables
 * point-in-time recovery, applies W overwrites of random items and reports what the change log and the
 * data directory grew by, per change.
 *
 * <pre>java -cp bench/target/dynarocks-bench.jar io.dynarocks.bench.load.BackupBench --items 1000000 \
 *     --item-bytes 200 --pitr-writes 200000 --dir /tmp/backup-bench</pre>
 */
public final class BackupBench {

    public static void main(String[] args) throws IOException {
        int items = intArg(args, "--items", 1_000_000);
        int itemBytes = intArg(args, "--item-bytes", 200);
        int writes = intArg(args, "--pitr-writes", 200_000);
        Path dir = Path.of(stringArg(args, "--dir", "backup-bench"));
        Path data = dir.resolve("data");
        Path exports = dir.resolve("exports");
        Path seed = exports.resolve("seed").resolve("items.json.gz");
        Files.createDirectories(seed.getParent());
        String padding = "x".repeat(Math.max(1, itemBytes - 40));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(seed), 1 << 16)) {
            for (int i = 0; i < items; i++) {
                out.write(("{\"Item\":{\"pk\":{\"S\":\"item-" + i + "\"},\"n\":{\"N\":\"" + i
                        + "\"},\"data\":{\"S\":\"" + padding + "\"}}}\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        try (DynaRocks db = DynaRocks.builder().dataDir(data).exportDir(exports).port(0).start();
                DynamoDbClient client = InProcessClients.client(db)) {
            long t0 = System.nanoTime();
            String importArn = client.importTable(b -> b.inputFormat(InputFormat.DYNAMODB_JSON)
                    .inputCompressionType(InputCompressionType.GZIP).s3BucketSource(s -> s.s3Bucket("seed"))
                    .tableCreationParameters(t -> t.tableName("Bench").billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(AttributeDefinition.builder().attributeName("pk")
                                    .attributeType(ScalarAttributeType.S).build())
                            .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build())))
                    .importTableDescription().importArn();
            ImportTableDescription imported;
            do {
                sleep();
                imported = client.describeImport(b -> b.importArn(importArn)).importTableDescription();
            } while (imported.importStatus() == ImportStatus.IN_PROGRESS);
            report("import (load)", items, t0);
            long tableBytes = client.describeTable(b -> b.tableName("Bench")).table().tableSizeBytes();
            System.out.printf("table: %,d items, %,d bytes (DynamoDB size), %,d imported%n", items, tableBytes,
                    imported.importedItemCount());

            long dirBefore = size(data);
            t0 = System.nanoTime();
            String arn = client.createBackup(b -> b.tableName("Bench").backupName("bench-backup")).backupDetails()
                    .backupArn();
            report("CreateBackup", items, t0);
            t0 = System.nanoTime();
            client.restoreTableFromBackup(b -> b.backupArn(arn).targetTableName("BenchRestored"));
            report("RestoreTableFromBackup", items, t0);
            System.out.printf("data directory: %,d bytes before the backup, %,d after backup and restore%n",
                    dirBefore, size(data));

            client.updateContinuousBackups(b -> b.tableName("Bench")
                    .pointInTimeRecoverySpecification(s -> s.pointInTimeRecoveryEnabled(true)));
            long logBefore = db.backups().changeLogBytes();
            long dirPitr = size(data);
            t0 = System.nanoTime();
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < writes; i++) {
                int k = random.nextInt(items);
                client.putItem(b -> b.tableName("Bench").item(Map.of("pk", AttributeValue.fromS("item-" + k),
                        "n", AttributeValue.fromN(Integer.toString(k)), "data", AttributeValue.fromS(padding))));
            }
            report("PutItem with PITR on", writes, t0);
            long logBytes = db.backups().changeLogBytes() - logBefore;
            long dirGrowth = size(data) - dirPitr;
            System.out.printf("change log: %,d bytes for %,d changes = %.1f bytes per change (keys + values)%n",
                    logBytes, writes, (double) logBytes / writes);
            System.out.printf("data directory grew %,d bytes over those writes (SST + WAL, before compaction)%n",
                    dirGrowth);
            double perDay = (double) logBytes / writes * 86_400;
            System.out.printf("35-day window at a steady 1 write/s: %,.0f MB; at 100 writes/s: %,.0f MB%n",
                    perDay * 35 / 1e6, perDay * 35 * 100 / 1e6);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void report(String what, long n, long startNanos) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("%-24s %,10d items  %8.2f s  %,10.0f items/s%n", what, n, seconds, n / seconds);
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int intArg(String[] args, String name, int def) {
        return Integer.parseInt(stringArg(args, name, Integer.toString(def)));
    }

    private static String stringArg(String[] args, String name, String def) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return def;
    }
}
