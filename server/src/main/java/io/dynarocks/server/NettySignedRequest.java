package io.dynarocks.server;

import io.dynarocks.security.SignedRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;

/** A Netty request as the security module sees it. */
record NettySignedRequest(FullHttpRequest request, byte[] body, SocketAddress remote, boolean secure)
        implements SignedRequest {

    @Override
    public String method() {
        return request.method().name();
    }

    @Override
    public String uri() {
        return request.uri();
    }

    @Override
    public List<String> headers(String name) {
        return request.headers().getAll(name);
    }

    @Override
    public InetAddress sourceAddress() {
        return remote instanceof InetSocketAddress a ? a.getAddress() : null;
    }
}
