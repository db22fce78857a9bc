package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.junit5.DynaRocksTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/** {@code GET /metrics} serves Prometheus text whose request and error counters follow the traffic. */
@DynaRocksTest
@Execution(ExecutionMode.CONCURRENT)
class MetricsIT {

    private static final String PUT_ITEM_SUCCESSES =
            "dynarocks_requests_seconds_count{action=\"PutItem\",outcome=\"success\"}";
    private static final String GET_ITEM_NOT_FOUND =
            "dynarocks_errors_total{action=\"GetItem\",status=\"400\",type=\"ResourceNotFoundException\"}";

    DynamoDbClient client;
    URI endpoint;

    @Test
    void requestCountersMoveWithRequests() throws Exception {
        Tables.hashTable(client, "Counted");
        double before = sample(scrape(), PUT_ITEM_SUCCESSES);

        for (int i = 0; i < 3; i++) {
            String pk = "k" + i;
            client.putItem(b -> b.tableName("Counted").item(Map.of("pk", AttributeValue.fromS(pk))));
        }

        assertThat(sample(scrape(), PUT_ITEM_SUCCESSES)).isEqualTo(before + 3);
    }

    @Test
    void errorsAreCountedByActionAndType() throws Exception {
        try {
            client.getItem(b -> b.tableName("NoSuchTable").key(Map.of("pk", AttributeValue.fromS("a"))));
        } catch (ResourceNotFoundException expected) {
            // counted below
        }

        assertThat(sample(scrape(), GET_ITEM_NOT_FOUND)).isGreaterThanOrEqualTo(1);
    }

    @Test
    void metricsAreServedAsPrometheusText() throws Exception {
        client.listTables();

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("# TYPE dynarocks_requests_seconds histogram", "jvm_memory_used_bytes");
    }

    private String scrape() throws IOException, InterruptedException {
        return get("/metrics").body();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        return http.send(HttpRequest.newBuilder(endpoint.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one series, 0 when it has not appeared yet. */
    private static double sample(String metrics, String series) {
        return Arrays.stream(metrics.split("\n"))
                .filter(line -> line.startsWith(series + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(series.length() + 1).trim()))
                .findFirst()
                .orElse(0);
    }
}
