package io.dynarocks.bench.load;

import io.dynarocks.client.InProcessClients;
import io.dynarocks.server.DynaRocks;
import java.io.ByteArrayInputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.endpoints.Endpoint;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.auth.scheme.NoAuthAuthScheme;
import software.amazon.awssdk.http.auth.spi.scheme.AuthSchemeOption;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * What the SDK client itself costs in process: the in-process client against the same SDK settings (no signing,
 * fixed endpoint) with an HTTP client that answers a canned GetItem body (or {@code {}}) without a server,
 * alternating, with the load threads' CPU and allocation per request.
 * {@code java -cp dynarocks-bench.jar io.dynarocks.bench.load.InProcessFloor <threads> <seconds> <rounds>}
 */
public final class InProcessFloor {

    private InProcessFloor() {}

    public static void main(String[] args) throws Exception {
        int threads = Integer.parseInt(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int rounds = Integer.parseInt(args[2]);
        long pid = ProcessHandle.current().pid();
        DataSet data = new DataSet("bench", 20000, 1024);
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).start()) {
            DynamoDbClient real = InProcessClients.client(server);
            data.create(real);
            data.preload(real, 16);
            byte[] getBody = server.dispatcher().dispatch("DynamoDB_20120810.GetItem",
                    ("{\"TableName\":\"bench\",\"Key\":" + keyJson() + "}").getBytes()).body();
            SdkHttpClient canned = new SdkHttpClient() {
                public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                    return new ExecutableHttpRequest() {
                        public HttpExecuteResponse call() throws java.io.IOException {
                            request.contentStreamProvider().get().newStream().readAllBytes();
                            boolean get = request.httpRequest().firstMatchingHeader("X-Amz-Target").get().endsWith("GetItem");
                            byte[] body = get ? getBody : "{}".getBytes();
                            return HttpExecuteResponse.builder().response(SdkHttpFullResponse.builder().statusCode(200)
                                    .putHeader("Content-Type", "application/x-amz-json-1.0")
                                    .putHeader("Content-Length", Integer.toString(body.length)).build())
                                    .responseBody(AbortableInputStream.create(new ByteArrayInputStream(body))).build();
                        }
                        public void abort() {}
                    };
                }
                public void close() {}
            };
            CompletableFuture<Endpoint> ep = CompletableFuture.completedFuture(Endpoint.builder().url(server.endpoint()).build());
            Map<String, DynamoDbClient> clients = new LinkedHashMap<>();
            clients.put("in-process", real);
            clients.put("canned", InProcessClients.configure(DynamoDbClient.builder(), server).httpClient(canned)
                    .authSchemeProvider(p -> List.of(AuthSchemeOption.builder().schemeId(NoAuthAuthScheme.SCHEME_ID).build()))
                    .endpointProvider(p -> ep).build());
            for (Map.Entry<String, DynamoDbClient> c : clients.entrySet()) {
                LoadGenerator.run(c.getValue(), data, c.getKey(), "get", Workloads.ALL.get("get"), threads, 8, 0);
                LoadGenerator.run(c.getValue(), data, c.getKey(), "put", Workloads.ALL.get("put"), threads, 4, 0);
            }
            for (int r = 0; r < rounds; r++) {
                for (String w : List.of("get", "put")) {
                    for (Map.Entry<String, DynamoDbClient> c : clients.entrySet()) {
                        System.out.println(LoadGenerator.run(LoadGenerator.sdk(c.getValue(), data, Workloads.ALL.get(w)),
                                "sdk", c.getKey(), w, threads, 0.5, seconds, pid));
                    }
                }
            }
        }
    }

    static String keyJson() {
        return "{\"pk\":{\"S\":\"p0\"},\"sk\":{\"S\":\"s0\"}}";
    }
}
