package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.server.DynaRocks;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.LimitExceededException;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputDescription;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * DescribeTable's ProvisionedThroughput history: NumberOfDecreasesToday per UTC day, LastIncreaseDateTime and
 * LastDecreaseDateTime, for the table and each global index, kept across a restart, and (with {@code --limits})
 * DynamoDB's daily limit on decreases enforced from that count.
 */
class ThroughputDecreasesIT {

    private static final Instant START = Instant.parse("2026-10-08T20:00:00Z");

    @Test
    void describeTableCountsTodaysDecreasesOfTheTableAndOfEachGlobalIndex() {
        MutableClock clock = new MutableClock(START);
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).clock(clock).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            createWithIndex(client, "History");
            ProvisionedThroughputDescription fresh = table(client, "History");
            assertThat(fresh.numberOfDecreasesToday()).isZero();
            assertThat(fresh.lastDecreaseDateTime()).isNull();
            assertThat(fresh.lastIncreaseDateTime()).isNull();

            setTable(client, "History", 10, 9);
            clock.advance(Duration.ofMinutes(5));
            setTable(client, "History", 20, 9);
            clock.advance(Duration.ofMinutes(5));
            setIndex(client, "History", 5, 4);
            ProvisionedThroughputDescription t = table(client, "History");
            assertThat(t.numberOfDecreasesToday()).isEqualTo(1);
            assertThat(t.lastDecreaseDateTime()).isEqualTo(START);
            assertThat(t.lastIncreaseDateTime()).isEqualTo(START.plus(Duration.ofMinutes(5)));
            ProvisionedThroughputDescription i = index(client, "History");
            assertThat(i.numberOfDecreasesToday()).isEqualTo(1);
            assertThat(i.lastDecreaseDateTime()).isEqualTo(START.plus(Duration.ofMinutes(10)));
            assertThat(i.lastIncreaseDateTime()).isNull();

            // The count is per UTC day; the date of the last decrease stays.
            clock.set(Instant.parse("2026-10-09T00:00:00Z"));
            assertThat(table(client, "History").numberOfDecreasesToday()).isZero();
            assertThat(table(client, "History").lastDecreaseDateTime()).isEqualTo(START);
            assertThat(index(client, "History").numberOfDecreasesToday()).isZero();
            setTable(client, "History", 20, 8);
            assertThat(table(client, "History").numberOfDecreasesToday()).isEqualTo(1);
        }
    }

    @Test
    void withoutLimitsDecreasesAreCountedButNotRefused() {
        MutableClock clock = new MutableClock(START);
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).clock(clock).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            ThrottlingIT.provisioned(client, "Unlimited", 10, 10);
            for (long wcu = 9; wcu >= 4; wcu--) {
                setTable(client, "Unlimited", 10, wcu);
            }
            assertThat(table(client, "Unlimited").numberOfDecreasesToday()).isEqualTo(6);
        }
    }

    @Test
    void decreasesTodaySurviveARestartSoTheFifthIsStillRefused(@TempDir Path dir) {
        MutableClock clock = new MutableClock(START);
        try (DynaRocks server = DynaRocks.builder().dataDir(dir).port(0).limits().clock(clock).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            createWithIndex(client, "Durable");
            for (long wcu = 9; wcu >= 6; wcu--) {
                setTable(client, "Durable", 10, wcu);
                clock.advance(Duration.ofMinutes(1));
            }
            setIndex(client, "Durable", 5, 4);
        }
        try (DynaRocks server = DynaRocks.builder().dataDir(dir).port(0).limits().clock(clock).start();
                DynamoDbClient client = ThrottlingIT.noRetries(server.endpoint())) {
            ProvisionedThroughputDescription t = table(client, "Durable");
            assertThat(t.numberOfDecreasesToday()).isEqualTo(4);
            assertThat(t.lastDecreaseDateTime()).isEqualTo(START.plus(Duration.ofMinutes(3)));
            assertThat(index(client, "Durable").numberOfDecreasesToday()).isEqualTo(1);
            assertThatThrownBy(() -> setTable(client, "Durable", 10, 5))
                    .isInstanceOfSatisfying(LimitExceededException.class, e -> assertThat(
                            e.awsErrorDetails().errorMessage()).isEqualTo("Subscriber limit exceeded: Provisioned "
                            + "throughput decreases are limited within a given UTC day. After the first 4 decreases, "
                            + "each subsequent decrease in the same UTC day can be performed at most once every 3600 "
                            + "seconds. Number of decreases today: 4. Last decrease at Thursday, October 8, 2026 at "
                            + "8:03:00 PM Coordinated Universal Time. Next decrease can be made at Thursday, October "
                            + "8, 2026 at 9:03:00 PM Coordinated Universal Time."));
            // The index has its own count: its second decrease of the day is allowed.
            setIndex(client, "Durable", 5, 3);
            assertThat(index(client, "Durable").numberOfDecreasesToday()).isEqualTo(2);
            assertThat(table(client, "Durable").numberOfDecreasesToday()).isEqualTo(4);
        }
    }

    private static void createWithIndex(DynamoDbClient client, String name) {
        client.createTable(b -> b.tableName(name)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("g").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                .provisionedThroughput(p -> p.readCapacityUnits(10L).writeCapacityUnits(10L))
                .globalSecondaryIndexes(g -> g.indexName("byG")
                        .keySchema(k -> k.attributeName("g").keyType(KeyType.HASH))
                        .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))
                        .provisionedThroughput(p -> p.readCapacityUnits(5L).writeCapacityUnits(5L))));
    }

    private static void setTable(DynamoDbClient client, String name, long rcu, long wcu) {
        client.updateTable(b -> b.tableName(name).provisionedThroughput(p -> p.readCapacityUnits(rcu)
                .writeCapacityUnits(wcu)));
    }

    private static void setIndex(DynamoDbClient client, String name, long rcu, long wcu) {
        client.updateTable(b -> b.tableName(name).globalSecondaryIndexUpdates(u -> u.update(i -> i.indexName("byG")
                .provisionedThroughput(p -> p.readCapacityUnits(rcu).writeCapacityUnits(wcu)))));
    }

    private static ProvisionedThroughputDescription table(DynamoDbClient client, String name) {
        return client.describeTable(b -> b.tableName(name)).table().provisionedThroughput();
    }

    private static ProvisionedThroughputDescription index(DynamoDbClient client, String name) {
        return client.describeTable(b -> b.tableName(name)).table().globalSecondaryIndexes().get(0)
                .provisionedThroughput();
    }
}
