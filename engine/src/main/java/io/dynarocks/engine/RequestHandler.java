package io.dynarocks.engine;

import io.dynarocks.protocol.operation.Response;
import java.util.Set;

/** Executes one request named by its {@code X-Amz-Target}; the operation registry, or a decorator of it. */
public interface RequestHandler {

    Response handle(String target, byte[] body);

    /** The targets served ({@code service.Action}), sorted. */
    Set<String> names();
}
