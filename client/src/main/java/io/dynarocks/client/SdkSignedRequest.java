package io.dynarocks.client;

import io.dynarocks.security.SignedRequest;
import java.net.InetAddress;
import java.util.List;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.utils.http.SdkHttpUtils;

/**
 * An SDK request, as its signer left it, as the server's security checks see a request: the headers the SDK
 * signed (with {@code Host}, which the signer adds) and the body it hashed.
 */
record SdkSignedRequest(SdkHttpRequest request, byte[] body) implements SignedRequest {

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String uri() {
        String path = request.encodedPath().isEmpty() ? "/" : request.encodedPath();
        return SdkHttpUtils.encodeAndFlattenQueryParameters(request.rawQueryParameters())
                .map(query -> path + "?" + query)
                .orElse(path);
    }

    @Override
    public List<String> headers(String name) {
        return request.matchingHeaders(name);
    }

    /** The loopback address: the caller is in the server's own process, as a client on its own machine would be. */
    @Override
    public InetAddress sourceAddress() {
        return InetAddress.getLoopbackAddress();
    }

    /** Whether the client addressed the server's HTTPS endpoint, as its HTTP client would reach it. */
    @Override
    public boolean secure() {
        return "https".equalsIgnoreCase(request.protocol());
    }
}
