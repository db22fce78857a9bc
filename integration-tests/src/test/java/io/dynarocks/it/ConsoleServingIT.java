package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynarocks.server.DynaRocks;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** The web console's files are served on the main port only, and not at all with the console turned off. */
class ConsoleServingIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(URI endpoint, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(endpoint.resolve(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void mainPortServesTheConsolePageAndItsModules() throws Exception {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).start()) {
            HttpResponse<String> page = get(server.endpoint(), "/console");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
            assertThat(page.body()).contains("/console/js/app.js");
            HttpResponse<String> module = get(server.endpoint(), "/console/js/app.js");
            assertThat(module.statusCode()).isEqualTo(200);
            assertThat(module.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
            assertThat(get(server.endpoint(), "/console/vendor/preact/preact.module.js").statusCode()).isEqualTo(200);
            assertThat(get(server.endpoint(), "/console/missing.js").statusCode()).isEqualTo(404);
            // The health check is unchanged.
            assertThat(get(server.endpoint(), "/").body()).startsWith("healthy: ");
        }
    }

    @Test
    void noConsoleServesNothingUnderConsole() throws Exception {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).console(false).start()) {
            assertThat(get(server.endpoint(), "/console").statusCode()).isEqualTo(404);
            assertThat(get(server.endpoint(), "/console/js/app.js").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void daxPortDoesNotServeTheConsole() throws Exception {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).daxPort(0).start()) {
            assertThat(get(server.daxEndpoint(), "/console").statusCode()).isEqualTo(404);
        }
    }
}
