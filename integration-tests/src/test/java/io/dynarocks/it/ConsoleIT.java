package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** The web console at /console, driven in headless Chromium; everything it shows or does is checked with the SDK. */
class ConsoleIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static ConsoleBrowser browser;
    private static DynamoDbClient client;

    @BeforeAll
    static void openBrowser() {
        client = SERVER.client();
        browser = new ConsoleBrowser(SERVER.endpoint());
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    /** A table keyed by Artist (and Title when {@code sorted}), with a Genre index, a stream and TTL. */
    static void musicTable(String name, boolean sorted) {
        client.createTable(b -> {
            b.tableName(name).billingMode(BillingMode.PAY_PER_REQUEST)
                    .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_AND_OLD_IMAGES))
                    .globalSecondaryIndexes(g -> g.indexName("ByGenre")
                            .keySchema(k -> k.attributeName("Genre").keyType(KeyType.HASH))
                            .projection(p -> p.projectionType(ProjectionType.ALL)));
            if (sorted) {
                b.attributeDefinitions(a -> a.attributeName("Artist").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("Title").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("Genre").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("Artist").keyType(KeyType.HASH),
                                k -> k.attributeName("Title").keyType(KeyType.RANGE));
            } else {
                b.attributeDefinitions(a -> a.attributeName("Artist").attributeType(ScalarAttributeType.S),
                        a -> a.attributeName("Genre").attributeType(ScalarAttributeType.S))
                        .keySchema(k -> k.attributeName("Artist").keyType(KeyType.HASH));
            }
        });
        client.updateTimeToLive(b -> b.tableName(name)
                .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
    }

    private static WebElement tableRow(String name) {
        return browser.waitFor(By.cssSelector("tr[data-table='" + name + "']"));
    }

    @Test
    void tablesListShowsItemCountKeysIndexesStreamAndTtl() {
        musicTable("Listed", true);
        for (int i = 0; i < 3; i++) {
            client.putItem(b -> b.tableName("Listed").item(Map.of("Artist", AttributeValue.fromS("Acme"),
                    "Title", AttributeValue.fromS("Song " + Math.random()), "Genre", AttributeValue.fromS("Rock"))));
        }
        browser.open("#/tables");
        WebElement row = tableRow("Listed");
        String text = row.getText();
        assertThat(text).contains("Listed", "Artist (S)", "Title (S, sort)", "GSI", "ByGenre",
                "NEW_AND_OLD_IMAGES", "expiresAt", "PAY_PER_REQUEST");
        assertThat(row.findElement(By.cssSelector("td.num")).getText()).isEqualTo("3");
        browser.screenshot("tables");
    }

    @Test
    void createTableFormCreatesTableWithGlobalIndexStreamAndTtl() {
        browser.open("#/create");
        browser.type(By.id("table-name"), "Created");
        browser.type(By.id("table-pk"), "id");
        browser.type(By.id("table-sk"), "at");
        new org.openqa.selenium.support.ui.Select(browser.waitFor(By.id("table-sk-type"))).selectByValue("N");
        new org.openqa.selenium.support.ui.Select(browser.waitFor(By.id("table-stream")))
                .selectByValue("NEW_AND_OLD_IMAGES");
        browser.type(By.id("table-ttl"), "expiresAt");
        browser.click(By.id("add-gsi"));
        browser.type(By.id("gsi-0-name"), "ByCity");
        browser.type(By.id("gsi-0-pk"), "city");
        browser.screenshot("create-table");
        browser.click(By.id("create-submit"));
        tableRow("Created");

        TableDescription table = client.describeTable(b -> b.tableName("Created")).table();
        assertThat(table.keySchema()).extracting(k -> k.attributeName() + ":" + k.keyTypeAsString())
                .containsExactly("id:HASH", "at:RANGE");
        assertThat(table.attributeDefinitions()).extracting(a -> a.attributeName() + ":" + a.attributeTypeAsString())
                .containsExactlyInAnyOrder("id:S", "at:N", "city:S");
        assertThat(table.globalSecondaryIndexes()).singleElement().satisfies(g -> {
            assertThat(g.indexName()).isEqualTo("ByCity");
            assertThat(g.keySchema()).extracting(k -> k.attributeName()).containsExactly("city");
        });
        assertThat(table.streamSpecification().streamViewType()).isEqualTo(StreamViewType.NEW_AND_OLD_IMAGES);
        assertThat(client.describeTimeToLive(b -> b.tableName("Created")).timeToLiveDescription())
                .satisfies(t -> {
                    assertThat(t.attributeName()).isEqualTo("expiresAt");
                    assertThat(t.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
                });
    }

    @Test
    void deletingATableAsksForItsNameFirst() {
        musicTable("Doomed", false);
        browser.open("#/tables");
        tableRow("Doomed").findElement(By.cssSelector("button[aria-label='Delete table Doomed']")).click();
        WebElement confirm = browser.waitFor(By.id("confirm-button"));
        assertThat(confirm.isEnabled()).isFalse();
        browser.type(By.id("confirm-input"), "Doomed");
        browser.click(By.id("confirm-button"));
        browser.waitUntil(d -> d.findElements(By.cssSelector("tr[data-table='Doomed']")).isEmpty());
        assertThat(client.listTables().tableNames()).doesNotContain("Doomed");
    }
}
