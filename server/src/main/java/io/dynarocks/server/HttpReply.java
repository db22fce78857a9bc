package io.dynarocks.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import java.util.zip.CRC32;

/**
 * The answer to one HTTP request, with the headers DynamoDB puts on every response: {@code Date},
 * {@code x-amzn-RequestId}, {@code x-amz-crc32} of the body and, when the request came from a
 * browser page ({@code Origin}), the CORS headers. A request that asked for {@code Connection: close}
 * is answered, then its connection closed.
 */
final class HttpReply {

    /** The response headers DynamoDB lets a browser page read. */
    private static final String EXPOSE_HEADERS =
            "x-amzn-RequestId,x-amzn-ErrorType,x-amz-request-id,x-amz-id-2,x-amzn-ErrorMessage,Date";
    /** Allowed in a preflight when the browser does not name what it wants (DynamoDB echoes the request's lists). */
    private static final String ALLOW_HEADERS = "Content-Type,Content-Encoding,X-Amz-Target,X-Amz-Date,"
            + "X-Amz-Security-Token,X-Amz-User-Agent,Authorization,amz-sdk-invocation-id,amz-sdk-request";
    private static final String ALLOW_METHODS = "GET,POST,OPTIONS";
    private static final String PREFLIGHT_MAX_AGE_SECONDS = "172800";
    /** When a client refused for overload may try again: soon, as the SDKs' back-off would anyway. */
    private static final String RETRY_AFTER_SECONDS = "1";

    private static final AsciiString CRC32_HEADER = AsciiString.cached("x-amz-crc32");
    private static final AsciiString REQUEST_ID_HEADER = AsciiString.cached("x-amzn-RequestId");
    /**
     * Headers this class writes are constants or values it formats itself: validating every name and value
     * of every response, Netty's default, finds nothing to refuse.
     */
    private static final DefaultHttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withValidation(false);
    private static final DefaultHttpHeadersFactory TRAILERS = DefaultHttpHeadersFactory.trailersFactory()
            .withValidation(false);

    private final ChannelHandlerContext ctx;
    private final boolean keepAlive;
    /** The {@code Access-Control-Allow-Origin} to answer with ({@code *} or the page's origin); null for none. */
    private final String origin;

    HttpReply(ChannelHandlerContext ctx, boolean keepAlive, String origin) {
        this.ctx = ctx;
        this.keepAlive = keepAlive;
        this.origin = origin;
    }

    boolean hasOrigin() {
        return origin != null;
    }

    /** Sends the response; call on the channel's event loop. */
    void send(int status, byte[] body, String contentType) {
        FullHttpResponse response = response(status, body);
        CRC32 crc = new CRC32();
        crc.update(body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                .set(CRC32_HEADER, Long.toString(crc.getValue()));
        write(response);
    }

    /**
     * Sends an answer to a request the server was too busy to take, with {@code Retry-After} (seconds), from any
     * thread.
     */
    void sendRetryLater(int status, byte[] body, String contentType) {
        ctx.executor().execute(() -> {
            FullHttpResponse response = response(status, body);
            CRC32 crc = new CRC32();
            crc.update(body);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                    .set(CRC32_HEADER, Long.toString(crc.getValue()))
                    .set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
            write(response);
        });
    }

    /** Sends the response from any thread. */
    void sendFromEventLoop(int status, byte[] body, String contentType) {
        if (ctx.executor().inEventLoop()) {
            send(status, body, contentType);
        } else {
            ctx.executor().execute(() -> send(status, body, contentType));
        }
    }

    /** Answers a CORS preflight ({@code OPTIONS} with {@code Origin}): allowed, with an empty body. */
    void preflight(HttpHeaders request) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.EMPTY_BUFFER);
        String headers = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_HEADERS);
        String method = request.get(HttpHeaderNames.ACCESS_CONTROL_REQUEST_METHOD);
        response.headers()
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, headers != null ? headers : ALLOW_HEADERS)
                .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, method != null ? method : ALLOW_METHODS)
                .set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, PREFLIGHT_MAX_AGE_SECONDS);
        write(response);
    }

    /** A body over the size limit once decoded: answered as the aggregator answers an oversized plain body. */
    void tooLarge() {
        ctx.executor().execute(() -> {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.EMPTY_BUFFER);
            commonHeaders(response);
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        });
    }

    private static FullHttpResponse response(int status, byte[] body) {
        return new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status),
                Unpooled.wrappedBuffer(body), HEADERS, TRAILERS);
    }

    private void write(FullHttpResponse response) {
        commonHeaders(response);
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void commonHeaders(FullHttpResponse response) {
        response.headers()
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(REQUEST_ID_HEADER, ResponseHeaders.requestId())
                .set(HttpHeaderNames.DATE, ResponseHeaders.date());
        if (origin != null) {
            response.headers()
                    .set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin)
                    .set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSE_HEADERS);
            if (!origin.equals("*")) {
                // The answer depends on the page's origin: caches must not serve it to another.
                response.headers().set(HttpHeaderNames.VARY, "Origin");
            }
        }
    }
}
