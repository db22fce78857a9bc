package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.server.DynaRocks;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The console against a server that requires signed requests (it asks for a key and signs with
 * SigV4 in the browser), with a DAX-style cache port whose hit rates it charts.
 */
class ConsoleAuthIT {

    private static final String KEY = "AKIDCONSOLE";
    private static final String SECRET = "console-secret";

    private static DynaRocks server;
    private static ConsoleBrowser browser;

    @BeforeAll
    static void start() {
        server = DynaRocks.builder().inMemory().port(0).daxPort(0).authKey(KEY, SECRET).start();
        browser = new ConsoleBrowser(server.endpoint());
    }

    @AfterAll
    static void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            server.close();
        }
    }

    private static DynamoDbClient client(URI endpoint) {
        return SdkClients.builder(endpoint, KEY, SECRET).build();
    }

    @Test
    void consoleAsksForAKeyAndSignsItsRequests() {
        try (DynamoDbClient client = client(server.endpoint())) {
            Tables.hashTable(client, "Private");
        }
        browser.open("#/tables");
        browser.type(By.id("signin-accessKeyId"), KEY);
        browser.type(By.id("signin-secretAccessKey"), SECRET);
        browser.screenshot("sign-in");
        browser.click(By.id("signin-submit"));
        browser.waitFor(By.cssSelector("tr[data-table='Private']"));

        // A wrong secret is refused by the server, and the console asks again.
        browser.click(By.id("signout"));
        browser.click(By.id("signin"));
        browser.type(By.id("signin-accessKeyId"), KEY);
        browser.type(By.id("signin-secretAccessKey"), "not-the-secret");
        browser.click(By.id("signin-submit"));
        browser.waitFor(By.id("signin-accessKeyId"));
        browser.type(By.id("signin-accessKeyId"), KEY);
        browser.type(By.id("signin-secretAccessKey"), SECRET);
        browser.click(By.id("signin-submit"));
        browser.waitFor(By.cssSelector("tr[data-table='Private']"));
    }

    @Test
    void metricsShowTheDaxStyleCacheHitRate() {
        try (DynamoDbClient client = client(server.endpoint()); DynamoDbClient dax = client(server.daxEndpoint())) {
            Tables.hashTable(client, "Cached");
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("one"));
            client.putItem(b -> b.tableName("Cached").item(key));
            for (int i = 0; i < 3; i++) {
                dax.getItem(b -> b.tableName("Cached").key(key));
            }
        }
        browser.open("#/metrics");
        WebElement item = browser.waitFor(By.xpath("//table[@id='cache-table']//tr[td[1][normalize-space()='item']]"));
        assertThat(item.findElements(By.cssSelector("td.num"))).extracting(WebElement::getText)
                .containsExactly("2", "1", "66.7 %");
        assertThat(browser.waitFor(By.id("chart-cache")).getText()).contains("item cache", "query cache");
    }
}
