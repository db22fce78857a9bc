package io.dynarocks.client;

import io.dynarocks.server.Dispatcher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * A synchronous SDK HTTP client that hands each request to a server's {@link Dispatcher} in the
 * calling thread, without a socket: same codec, same errors as over HTTP.
 */
public final class InProcessHttpClient implements SdkHttpClient {

    private final Delivery delivery;

    public InProcessHttpClient(Dispatcher dispatcher) {
        this(Delivery.unsigned(dispatcher));
    }

    InProcessHttpClient(Delivery delivery) {
        this.delivery = delivery;
    }

    @Override
    public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
        return new ExecutableHttpRequest() {
            @Override
            public HttpExecuteResponse call() throws IOException {
                byte[] body = request.contentStreamProvider().isPresent()
                        ? read(request.contentStreamProvider().get(), request.httpRequest())
                        : new byte[0];
                Dispatcher.Reply reply = delivery.deliver(request.httpRequest(), body);
                return HttpExecuteResponse.builder()
                        .response(Exchange.response(reply))
                        .responseBody(AbortableInputStream.create(new ByteArrayInputStream(reply.body())))
                        .build();
            }

            @Override
            public void abort() {
                // Nothing to abort: the request runs to completion inside call().
            }
        };
    }

    /**
     * The request body, as much of it as {@code Content-Length} says as an HTTP server reads it, in one array of
     * that length: the SDK's stream is a wrapper whose {@code readAllBytes} would fill an 8 KB buffer and copy it.
     */
    private static byte[] read(ContentStreamProvider provider, SdkHttpRequest request) throws IOException {
        try (InputStream in = provider.newStream()) {
            Optional<String> length = request.firstMatchingHeader("Content-Length");
            return length.isEmpty() ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length.get()));
        }
    }

    @Override
    public String clientName() {
        return "DynaRocksInProcess";
    }

    @Override
    public void close() {
        // Holds no resources: the server owns the dispatcher.
    }
}
