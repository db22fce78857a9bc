package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

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

    private static Map<String, AttributeValue> song(String artist, String title, String genre) {
        return Map.of("Artist", AttributeValue.fromS(artist), "Title", AttributeValue.fromS(title),
                "Genre", AttributeValue.fromS(genre));
    }

    private static Map<String, AttributeValue> get(String table, String artist, String title) {
        return client.getItem(b -> b.tableName(table).key(Map.of("Artist", AttributeValue.fromS(artist),
                "Title", AttributeValue.fromS(title)))).item();
    }

    /** The row of the item with this Title on the current page. */
    private static By rowWithTitle(String title) {
        return By.xpath("//table[@id='items']//tr[td[@data-column='Title'][normalize-space()='" + title + "']]");
    }

    @Test
    void itemsAreCreatedAndEditedAsDynamoDbJsonOrPlainJson() {
        musicTable("Songs", true);
        browser.open("#/items/Songs");
        browser.click(By.id("new-item"));
        browser.setText(By.id("item-editor"), "{\"Artist\": {\"S\": \"Acme\"}, \"Title\": {\"S\": 7}}");
        browser.click(By.id("item-save"));
        browser.waitForText(By.cssSelector("[role=alert]"), "Title: S must be a string");
        browser.setText(By.id("item-editor"), "{\"Artist\": {\"S\": \"Acme\"}, \"Title\": {\"S\": \"Intro\"},"
                + " \"Genre\": {\"S\": \"Rock\"}, \"Year\": {\"N\": \"2001\"}, \"Tags\": {\"SS\": [\"live\", \"demo\"]}}");
        browser.click(By.id("item-save"));
        browser.waitFor(rowWithTitle("Intro"));
        Map<String, AttributeValue> created = get("Songs", "Acme", "Intro");
        assertThat(created.get("Year").n()).isEqualTo("2001");
        assertThat(created.get("Tags").ss()).containsExactlyInAnyOrder("live", "demo");

        browser.waitFor(rowWithTitle("Intro")).findElement(By.cssSelector("button.edit-item")).click();
        browser.click(By.id("format-plain"));
        assertThat(browser.waitFor(By.id("item-editor")).getAttribute("value")).contains("\"Year\": 2001");
        browser.setText(By.id("item-editor"),
                "{\"Artist\": \"Acme\", \"Title\": \"Intro\", \"Genre\": \"Jazz\", \"Year\": 2002, \"Live\": true}");
        browser.screenshot("item-editor");
        browser.click(By.id("item-save"));
        browser.waitUntil(d -> !d.findElements(By.xpath("//table[@id='items']//td[normalize-space()='Jazz']")).isEmpty());
        Map<String, AttributeValue> edited = get("Songs", "Acme", "Intro");
        assertThat(edited.get("Genre").s()).isEqualTo("Jazz");
        assertThat(edited.get("Year").n()).isEqualTo("2002");
        assertThat(edited.get("Live").bool()).isTrue();
        assertThat(edited).doesNotContainKey("Tags");

        // The key of an existing item cannot be edited; a duplicate with a new key is a new item.
        browser.waitFor(rowWithTitle("Intro")).findElement(By.cssSelector("button.edit-item")).click();
        browser.setText(By.id("item-editor"), "{\"Artist\": {\"S\": \"Acme\"}, \"Title\": {\"S\": \"Outro\"}}");
        browser.click(By.id("item-save"));
        browser.waitForText(By.cssSelector("[role=alert]"), "The key attribute Title cannot be changed");
        browser.waitFor(rowWithTitle("Intro")).findElement(By.cssSelector("button.duplicate-item")).click();
        browser.setText(By.id("item-editor"), "{\"Artist\": {\"S\": \"Acme\"}, \"Title\": {\"S\": \"Outro\"},"
                + " \"Genre\": {\"S\": \"Jazz\"}}");
        browser.click(By.id("item-save"));
        browser.waitFor(rowWithTitle("Outro"));
        assertThat(get("Songs", "Acme", "Outro")).containsEntry("Genre", AttributeValue.fromS("Jazz"));
        assertThat(get("Songs", "Acme", "Intro")).containsEntry("Genre", AttributeValue.fromS("Jazz"));
        browser.screenshot("items");
    }

    @Test
    void selectedItemsAreDeletedTogether() {
        musicTable("Culled", true);
        for (String title : List.of("One", "Two", "Three")) {
            client.putItem(b -> b.tableName("Culled").item(song("Acme", title, "Rock")));
        }
        browser.open("#/items/Culled");
        browser.waitFor(rowWithTitle("One")).findElement(By.cssSelector("input[type=checkbox]")).click();
        browser.waitFor(rowWithTitle("Three")).findElement(By.cssSelector("input[type=checkbox]")).click();
        browser.waitForText(By.id("delete-selected"), "Delete selected (2)");
        browser.click(By.id("delete-selected"));
        browser.click(By.id("confirm-button"));
        browser.waitUntil(d -> d.findElements(rowWithTitle("One")).isEmpty());
        assertThat(client.scan(b -> b.tableName("Culled")).items()).extracting(i -> i.get("Title").s())
                .containsExactly("Two");
    }

    /** The keys shown on the current page, once the page numbered {@code page} has loaded. */
    private static List<String> pageKeys(int page, List<String> previous) {
        browser.waitForText(By.id("page-number"), "Page " + page);
        browser.waitUntil(d -> {
            if (!"false".equals(d.findElement(By.id("items")).getAttribute("aria-busy"))) {
                return false;
            }
            List<String> keys = d.findElements(By.cssSelector("#items td[data-column='id']")).stream()
                    .map(WebElement::getText).toList();
            return !keys.equals(previous);
        });
        return browser.all(By.cssSelector("#items td[data-column='id']")).stream().map(WebElement::getText).toList();
    }

    @Test
    void browsingPagesThroughAThousandItemsShowsEachOnceAndPagesBack() {
        client.createTable(b -> b.tableName("Thousand").billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("id").attributeType(ScalarAttributeType.N))
                .keySchema(k -> k.attributeName("id").keyType(KeyType.HASH)));
        for (int batch = 0; batch < 40; batch++) {
            List<WriteRequest> writes = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                String id = Integer.toString(batch * 25 + i);
                writes.add(WriteRequest.builder().putRequest(p -> p.item(Map.of("id", AttributeValue.fromN(id),
                        "n", AttributeValue.fromS("item " + id)))).build());
            }
            client.batchWriteItem(b -> b.requestItems(Map.of("Thousand", writes)));
        }
        browser.open("#/items/Thousand");
        List<String> first = pageKeys(1, List.of());
        new Select(browser.waitFor(By.id("page-size"))).selectByValue("100");
        List<String> keys = pageKeys(1, first);
        List<List<String>> pages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (true) {
            pages.add(keys);
            assertThat(keys).hasSizeLessThanOrEqualTo(100);
            keys.forEach(key -> assertThat(seen.add(key)).as("key %s shown twice", key).isTrue());
            if (!browser.waitFor(By.id("next-page")).isEnabled()) {
                break;
            }
            browser.click(By.id("next-page"));
            keys = pageKeys(pages.size() + 1, keys);
        }
        assertThat(seen).hasSize(1000);
        assertThat(pages.size()).isBetween(10, 11);
        browser.screenshot("paging");
        browser.click(By.id("previous-page"));
        assertThat(pageKeys(pages.size() - 1, keys)).isEqualTo(pages.get(pages.size() - 2));
    }

    @Test
    void queryBuilderRunsTheQueryItShowsAsExpressionsCliAndSdkCode() throws Exception {
        musicTable("Catalog", true);
        client.putItem(b -> b.tableName("Catalog").item(song("Acme", "Song 1", "Rock")));
        client.putItem(b -> b.tableName("Catalog").item(song("Acme", "Song 2", "Jazz")));
        client.putItem(b -> b.tableName("Catalog").item(song("Acme", "Song 3", "Rock")));
        client.putItem(b -> b.tableName("Catalog").item(song("Acme", "Other", "Rock")));
        client.putItem(b -> b.tableName("Catalog").item(song("Zeta", "Song 1", "Rock")));
        browser.open("#/query/Catalog");
        browser.type(By.id("query-pk"), "Acme");
        new Select(browser.waitFor(By.id("query-sk-op"))).selectByValue("begins_with");
        browser.type(By.id("query-sk"), "Song");
        browser.click(By.id("add-filter"));
        browser.type(By.id("filter-0-name"), "Genre");
        browser.type(By.id("filter-0-value"), "Rock");
        browser.click(By.id("query-descending"));
        browser.click(By.id("query-run"));
        browser.waitFor(rowWithTitle("Song 3"));
        assertThat(browser.all(By.cssSelector("#items td[data-column='Title']"))).extracting(WebElement::getText)
                .containsExactly("Song 3", "Song 1");
        assertThat(browser.waitFor(By.id("query-expressions")).getText()).contains(
                "KeyConditionExpression: #pk = :pk AND begins_with(#sk, :sk)", "FilterExpression: #f0 = :f0");
        assertThat(browser.waitFor(By.id("query-java")).getText()).contains(
                "client.query(QueryRequest.builder()", ".keyConditionExpression(\"#pk = :pk AND begins_with(#sk, :sk)\")",
                ".filterExpression(\"#f0 = :f0\")", "AttributeValue.fromS(\"Acme\")", ".scanIndexForward(false)");
        browser.screenshot("query");

        // The CLI command shown is the same query: run it as shown.
        String cli = browser.waitFor(By.id("query-cli")).getText();
        ProcessBuilder command = new ProcessBuilder("bash", "-c", cli + " --region us-east-1 --output json"
                + " --query 'Items[].Title.S'").redirectErrorStream(true);
        command.environment().put("AWS_ACCESS_KEY_ID", "key");
        command.environment().put("AWS_SECRET_ACCESS_KEY", "secret");
        command.environment().remove("AWS_PROFILE");
        Process process = command.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output.replaceAll("\\s", "")).isEqualTo("[\"Song3\",\"Song1\"]");

        // The same builder reads a global secondary index.
        browser.click(By.xpath("//form[@id='query-form']//fieldset//button[normalize-space()='Remove']"));
        new Select(browser.waitFor(By.id("query-index"))).selectByValue("ByGenre");
        browser.type(By.id("query-pk"), "Jazz");
        browser.click(By.id("query-run"));
        browser.waitFor(rowWithTitle("Song 2"));
        assertThat(browser.all(By.cssSelector("#items td[data-column='Title']"))).hasSize(1);
    }

    @Test
    void streamTailShowsANewRecordWithOldAndNewImagesSideBySide() {
        musicTable("Tailed", true);
        client.putItem(b -> b.tableName("Tailed").item(song("Acme", "Live", "Rock")));
        browser.open("#/stream/Tailed");
        browser.waitForText(By.id("stream-status"), "Following ");
        client.updateItem(b -> b.tableName("Tailed").key(Map.of("Artist", AttributeValue.fromS("Acme"),
                        "Title", AttributeValue.fromS("Live")))
                .updateExpression("SET Genre = :g").expressionAttributeValues(Map.of(":g", AttributeValue.fromS("Jazz"))));
        WebElement record = browser.waitFor(By.cssSelector("#stream-records li[data-event='MODIFY']"));
        List<WebElement> images = record.findElements(By.cssSelector(".split pre"));
        assertThat(images).hasSize(2);
        assertThat(images.get(0).getText()).contains("\"Genre\": \"Rock\"");
        assertThat(images.get(1).getText()).contains("\"Genre\": \"Jazz\"");
        // Only records written after the tail started: the earlier INSERT is not shown.
        assertThat(browser.all(By.cssSelector("#stream-records li"))).hasSize(1);
        client.deleteItem(b -> b.tableName("Tailed").key(Map.of("Artist", AttributeValue.fromS("Acme"),
                "Title", AttributeValue.fromS("Live"))));
        browser.waitFor(By.cssSelector("#stream-records li[data-event='REMOVE']"));
        browser.screenshot("stream");
    }

    @Test
    void partiqlEditorRunsStatementsAndKeepsThemInItsHistory() {
        musicTable("Parti", true);
        client.putItem(b -> b.tableName("Parti").item(song("Acme", "Song 1", "Rock")));
        client.putItem(b -> b.tableName("Parti").item(song("Acme", "Song 2", "Jazz")));
        browser.open("#/partiql");
        String insert = "INSERT INTO \"Parti\" VALUE {'Artist': 'Acme', 'Title': 'Song 3', 'Genre': 'Pop'}";
        browser.setText(By.id("partiql-statement"), insert);
        browser.click(By.id("partiql-run"));
        browser.waitForText(By.id("partiql-summary"), "0 items");
        assertThat(get("Parti", "Acme", "Song 3")).containsEntry("Genre", AttributeValue.fromS("Pop"));
        String select = "SELECT Title, Genre FROM \"Parti\" WHERE Artist = 'Acme'";
        browser.setText(By.id("partiql-statement"), select);
        browser.click(By.id("partiql-run"));
        browser.waitForText(By.id("partiql-summary"), "3 items");
        assertThat(browser.all(By.cssSelector("#partiql-results tbody tr"))).hasSize(3);
        assertThat(browser.all(By.cssSelector("#partiql-history button"))).extracting(WebElement::getText)
                .startsWith(select, insert);
        browser.screenshot("partiql");
        // An invalid statement shows DynamoDB's error.
        browser.setText(By.id("partiql-statement"), "SELECT * FROM \"NoSuchTable\"");
        browser.click(By.id("partiql-run"));
        browser.waitForText(By.cssSelector("[role=alert]"), "ResourceNotFoundException");
    }

    @Test
    void metricsPageChartsRequestsPerOperation() {
        musicTable("Measured", true);
        for (int i = 0; i < 20; i++) {
            String title = "Song " + i;
            client.putItem(b -> b.tableName("Measured").item(song("Acme", title, "Rock")));
        }
        browser.open("#/metrics");
        WebElement puts = browser.waitFor(By.cssSelector("#metrics-table tr[data-action='PutItem']"));
        assertThat(Integer.parseInt(puts.findElement(By.cssSelector("td.num")).getText().replace(",", "")))
                .isGreaterThanOrEqualTo(20);
        // Each pair of samples adds a point to each chart; keep writing until the PutItem line has a few.
        int[] more = {0};
        browser.waitUntil(d -> {
            client.putItem(b -> b.tableName("Measured").item(song("Acme", "More " + more[0]++, "Rock")));
            Object points = browser.script("const p = document.querySelector('#chart-rate polyline');"
                    + " return p ? p.getAttribute('points').split(' ').length : 0;");
            return ((Number) points).intValue() >= 4;
        });
        assertThat(browser.waitFor(By.id("chart-rate")).getText()).contains("PutItem");
        browser.screenshot("metrics");
    }

    @Test
    void darkThemeIsChosenWithTheThemeButtonAndRemembered() {
        browser.open("#/tables");
        browser.waitForText(By.id("theme"), "Theme: auto");
        browser.click(By.id("theme"));
        browser.waitForText(By.id("theme"), "Theme: light");
        browser.click(By.id("theme"));
        browser.waitForText(By.id("theme"), "Theme: dark");
        assertThat(browser.script("return document.documentElement.dataset.theme")).isEqualTo("dark");
        browser.open("#/tables");
        browser.waitForText(By.id("theme"), "Theme: dark");
        assertThat(browser.script("return getComputedStyle(document.body).backgroundColor")).isEqualTo("rgb(21, 24, 28)");
        browser.screenshot("tables-dark");
        browser.click(By.id("theme"));
        browser.waitForText(By.id("theme"), "Theme: auto");
    }
}
