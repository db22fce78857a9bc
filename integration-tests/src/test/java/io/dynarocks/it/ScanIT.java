package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ComparisonOperator;
import software.amazon.awssdk.services.dynamodb.model.Condition;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

class ScanIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static int items;

    private final DynamoDbClient client = SERVER.client();

    @BeforeAll
    static void data(TestInfo test) {
        items = TestStorage.onEtcd(test.getTestClass().orElseThrow()) ? 2_000 : 10_000;
        Tables.hashTable(SERVER.client(), "Things");
        Bulk.write(SERVER.client(), "Things", items, i -> Map.of("pk", AttributeValue.fromS("item" + i),
                "n", AttributeValue.fromN(Integer.toString(i))));
    }

    @Test
    void paginatorReturnsEveryItemExactlyOnce() {
        List<String> keys = new ArrayList<>();
        client.scanPaginator(b -> b.tableName("Things").limit(700)).items().forEach(i -> keys.add(i.get("pk").s()));
        assertThat(keys).hasSize(items).doesNotHaveDuplicates();
    }

    @Test
    void eightParallelSegmentsTogetherReturnEveryItemExactlyOnce() {
        List<String> keys = new ArrayList<>();
        for (int segment = 0; segment < 8; segment++) {
            int s = segment;
            List<String> part = new ArrayList<>();
            client.scanPaginator(b -> b.tableName("Things").segment(s).totalSegments(8)).items()
                    .forEach(i -> part.add(i.get("pk").s()));
            assertThat(part).isNotEmpty();
            keys.addAll(part);
        }
        assertThat(keys).hasSize(items).doesNotHaveDuplicates();
    }

    @Test
    void filterCountsMatchesWhileScannedCountCountsItemsRead() {
        int count = 0;
        int scanned = 0;
        for (ScanResponse page : client.scanPaginator(b -> b.tableName("Things").filterExpression("n < :k")
                .expressionAttributeValues(Map.of(":k", AttributeValue.fromN("100"))))) {
            count += page.count();
            scanned += page.scannedCount();
        }
        assertThat(count).isEqualTo(100);
        assertThat(scanned).isEqualTo(items);
    }

    @Test
    void legacyScanFilterSelectsItems() {
        int count = 0;
        for (ScanResponse page : client.scanPaginator(b -> b.tableName("Things").scanFilter(Map.of("n",
                Condition.builder().comparisonOperator(ComparisonOperator.BETWEEN)
                        .attributeValueList(AttributeValue.fromN("10"), AttributeValue.fromN("19")).build())))) {
            count += page.count();
        }
        assertThat(count).isEqualTo(10);
    }

    @Test
    void segmentMustBeLessThanTotalSegments() {
        assertThatThrownBy(() -> client.scan(b -> b.tableName("Things").segment(8).totalSegments(8)))
                .hasMessageContaining("The Segment parameter is zero-based and must be less than parameter "
                        + "TotalSegments: Segment: 8 is out of bounds for TotalSegments: 8");
        assertThatThrownBy(() -> client.scan(b -> b.tableName("Things").segment(1)))
                .hasMessageContaining("The TotalSegments parameter is required");
    }
}
