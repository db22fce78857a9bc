package io.dynarocks.client;

import io.dynarocks.server.Dispatcher;
import io.dynarocks.server.ResponseHeaders;
import software.amazon.awssdk.http.SdkHttpFullResponse;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/** What the sync and async in-process clients share: the target they dispatch and the headers they answer with. */
final class Exchange {

    private Exchange() {}

    static String target(SdkHttpRequest request) {
        return request.firstMatchingHeader("X-Amz-Target").orElse(null);
    }

    /** The host and port the client addressed, as an HTTP client would send them in {@code Host}. */
    static String address(SdkHttpRequest request) {
        int port = request.port();
        boolean defaultPort = port == SdkHttpUtils.standardPort(request.protocol());
        return defaultPort ? request.host() : request.host() + ":" + port;
    }

    /**
     * The headers the HTTP server sends too, but {@code x-amz-crc32}: it guards the bytes on the wire and there is
     * no wire; the SDK checks it only when present.
     */
    static SdkHttpFullResponse response(Dispatcher.Reply reply) {
        return SdkHttpFullResponse.builder()
                .statusCode(reply.status())
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("Content-Length", Integer.toString(reply.body().length))
                .putHeader("x-amzn-RequestId", ResponseHeaders.requestId())
                .putHeader("Date", ResponseHeaders.date())
                .build();
    }
}
