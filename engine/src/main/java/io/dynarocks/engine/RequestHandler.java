package io.dynarocks.engine;

import io.dynarocks.protocol.operation.Response;
import java.util.Set;

/** Executes one request named by its {@code X-Amz-Target}; the operation registry, or a decorator of it. */
public interface RequestHandler {

    Response handle(String target, byte[] body);

    /**
     * Executes a request that reached the server at {@code address}, the host (and port) the client
     * addressed, which DescribeEndpoints reports; null when unknown.
     */
    default Response handle(String target, byte[] body, String address) {
        return handle(target, body);
    }

    /**
     * As {@link #handle(String, byte[], String)}, once {@code guard} admitted the decoded request (authorization
     * sees the request record, so nothing is parsed twice); a null guard checks nothing.
     */
    default Response handle(String target, byte[] body, String address, RequestGuard guard) {
        if (guard != null) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " cannot check requests");
        }
        return handle(target, body, address);
    }

    /** The targets served ({@code service.Action}), sorted. */
    Set<String> names();
}
