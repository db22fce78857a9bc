package io.dynarocks.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.dynamodb.model.DescribeEndpointsResponse;
import software.amazon.awssdk.services.dynamodb.model.Endpoint;

/** HTTP itself, as DynamoDB speaks it: compressed requests, connection handling, headers, CORS, health check. */
class HttpLayerIT {

    @RegisterExtension
    static final ServerExtension SERVER = new ServerExtension();

    private static final String PUT = "DynamoDB_20120810.PutItem";
    private static final String GET = "DynamoDB_20120810.GetItem";

    @BeforeAll
    static void table() {
        Tables.hashTable(SERVER.client(), "Http");
    }

    private static String put(String pk) {
        return "{\"TableName\":\"Http\",\"Item\":{\"pk\":{\"S\":\"" + pk + "\"},\"v\":{\"S\":\"" + "x".repeat(200) + "\"}}}";
    }

    private static boolean exists(RawHttp http, String pk) throws IOException {
        RawHttp.Response r = http.post(GET, "{\"TableName\":\"Http\",\"Key\":{\"pk\":{\"S\":\"" + pk + "\"}}}");
        assertThat(r.status()).isEqualTo(200);
        return r.text().contains("Item");
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream d = new DeflaterOutputStream(out)) {
            d.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void gzipAndDeflateRequestBodiesAreDecoded() throws Exception {
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            assertThat(http.post(PUT, gzip(utf8(put("gz"))), "Content-Encoding: gzip").status()).isEqualTo(200);
            assertThat(http.post(PUT, deflate(utf8(put("df"))), "Content-Encoding: deflate").status()).isEqualTo(200);
            assertThat(http.post(GET, gzip(utf8("{\"TableName\":\"Http\",\"Key\":{\"pk\":{\"S\":\"gz\"}}}")),
                    "Content-Encoding: GZIP").text()).contains("\"pk\":{\"S\":\"gz\"}");
            assertThat(exists(http, "gz")).isTrue();
            assertThat(exists(http, "df")).isTrue();
        }
    }

    @Test
    void chainedEncodingsAreUndoneInReverseOrder() throws Exception {
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            assertThat(http.post(PUT, gzip(gzip(utf8(put("gzgz")))), "Content-Encoding: gzip, gzip").status())
                    .isEqualTo(200);
            assertThat(http.post(PUT, deflate(gzip(utf8(put("gzdf")))), "Content-Encoding: gzip, deflate").status())
                    .isEqualTo(200);
            assertThat(http.post(PUT, gzip(utf8(put("id"))), "Content-Encoding: identity, gzip").status())
                    .isEqualTo(200);
            assertThat(exists(http, "gzgz")).isTrue();
            assertThat(exists(http, "gzdf")).isTrue();
            assertThat(exists(http, "id")).isTrue();
        }
    }

    @Test
    void undecodableBodiesAreInternalServerErrorsAndWriteNothing() throws Exception {
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            RawHttp.Response unknown = http.post(PUT, utf8(put("bad1")), "Content-Encoding: garbage");
            RawHttp.Response notGzip = http.post(PUT, utf8(put("bad2")), "Content-Encoding: gzip");
            byte[] truncated = gzip(utf8(put("bad3")));
            RawHttp.Response cut = http.post(PUT, java.util.Arrays.copyOf(truncated, truncated.length - 1),
                    "Content-Encoding: gzip");
            RawHttp.Response empty = http.post(PUT, new byte[0], "Content-Encoding: gzip");
            RawHttp.Response secondLayerMissing = http.post(PUT, gzip(utf8(put("bad4"))), "Content-Encoding: gzip, gzip");
            for (RawHttp.Response r : new RawHttp.Response[] {unknown, notGzip, cut, empty, secondLayerMissing}) {
                assertThat(r.status()).isEqualTo(500);
                assertThat(r.text()).contains("\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\"");
            }
            for (String pk : new String[] {"bad1", "bad2", "bad3", "bad4"}) {
                assertThat(exists(http, pk)).isFalse();
            }
        }
    }

    @Test
    void aBodyOverTheSizeLimitOnceDecodedIsRejectedLikeAnOversizedPlainBody() throws Exception {
        String padded = put("huge").replace("{\"TableName\"", "{" + " ".repeat(17 * 1024 * 1024) + "\"TableName\"");
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            RawHttp.Response r = http.post(PUT, gzip(utf8(padded)), "Content-Encoding: gzip");
            assertThat(r.status()).isEqualTo(413);
        }
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            assertThat(http.post(PUT, utf8(padded)).status()).isEqualTo(413);
        }
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            assertThat(exists(http, "huge")).isFalse();
        }
    }

    @Test
    void connectionCloseIsAnsweredThenClosed() throws Exception {
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            RawHttp.Response r = http.post("DynamoDB_20120810.ListTables", "{}", "Connection: close");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).contains("TableNames");
            assertThat(r.header("Connection")).isEqualToIgnoringCase("close");
            assertThat(http.closedByServer()).isTrue();
        }
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            RawHttp.Response r = http.post(PUT, put("close"), "Connection: close");
            assertThat(r.status()).isEqualTo(200);
            assertThat(http.closedByServer()).isTrue();
        }
    }

    @Test
    void everyResponseCarriesADateHeader() throws Exception {
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            RawHttp.Response[] responses = {
                http.post("DynamoDB_20120810.ListTables", "{}"),
                http.post("DynamoDB_20120810.DescribeTable", "{\"TableName\":\"Missing\"}"),
                http.post("DynamoDB_20120810.Nope", "{}"),
                http.request("GET", "/"),
                http.request("GET", "/metrics"),
                http.request("GET", "/nothing-here"),
            };
            for (RawHttp.Response r : responses) {
                assertThat(r.header("Date")).isNotNull();
                ZonedDateTime date = ZonedDateTime.parse(r.header("Date"), DateTimeFormatter.RFC_1123_DATE_TIME);
                assertThat(date.getYear()).isGreaterThan(2000);
            }
        }
    }

    @Test
    void corsPreflightIsAnswered() throws Exception {
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            RawHttp.Response r = http.request("OPTIONS", "/", "Origin: http://app.example",
                    "Access-Control-Request-Method: POST",
                    "Access-Control-Request-Headers: content-type,x-amz-target,authorization");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body()).isEmpty();
            assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
            assertThat(r.header("Access-Control-Allow-Methods")).isEqualTo("POST");
            assertThat(r.header("Access-Control-Allow-Headers")).isEqualTo("content-type,x-amz-target,authorization");
            assertThat(r.header("Access-Control-Max-Age")).isEqualTo("172800");
            assertThat(http.request("OPTIONS", "/").status()).isEqualTo(404);
        }
    }

    @Test
    void responsesToRequestsWithAnOriginAllowThatOrigin() throws Exception {
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            RawHttp.Response ok = http.post("DynamoDB_20120810.ListTables", "{}", "Origin: http://app.example");
            RawHttp.Response error = http.post("DynamoDB_20120810.DescribeTable", "{\"TableName\":\"Missing\"}",
                    "Origin: http://app.example");
            for (RawHttp.Response r : new RawHttp.Response[] {ok, error}) {
                assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo("*");
                assertThat(r.header("Access-Control-Expose-Headers"))
                        .contains("x-amzn-RequestId").contains("x-amzn-ErrorType").contains("Date");
            }
            assertThat(http.post("DynamoDB_20120810.ListTables", "{}").header("Access-Control-Allow-Origin")).isNull();
        }
    }

    @Test
    void getRootAnswersHealthyWithTheAddressTheClientUsed() throws Exception {
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            RawHttp.Response r = http.request("GET", "/");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.text()).isEqualTo("healthy: " + http.host() + " ");
            assertThat(http.request("GET", "/", "Host: dynamodb.local:4566").text())
                    .isEqualTo("healthy: dynamodb.local:4566 ");
        }
    }

    @Test
    void unknownPathsAndMethodsAreNotFoundWhileServerPagesStay() throws Exception {
        try (RawHttp http = new RawHttp(SERVER.endpoint())) {
            assertThat(http.request("GET", "/favicon.ico").status()).isEqualTo(404);
            assertThat(http.request("GET", "/shell/").status()).isEqualTo(404);
            assertThat(http.request("PUT", "/").status()).isEqualTo(404);
            assertThat(http.request("DELETE", "/").status()).isEqualTo(404);
            RawHttp.Response metrics = http.request("GET", "/metrics");
            assertThat(metrics.status()).isEqualTo(200);
            assertThat(metrics.text()).contains("# TYPE");
        }
    }

    @Test
    void describeEndpointsNamesTheAddressTheClientUsed() {
        DescribeEndpointsResponse r = SERVER.client().describeEndpoints(b -> {});
        assertThat(r.endpoints()).extracting(Endpoint::address)
                .containsExactly(SERVER.endpoint().getHost() + ":" + SERVER.endpoint().getPort());
        assertThat(r.endpoints()).extracting(Endpoint::cachePeriodInMinutes).containsExactly(1440L);
    }
}
