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

    /** The targets served ({@code service.Action}), sorted. */
    Set<String> names();
}
