package io.dynarocks.engine;

import io.dynarocks.protocol.operation.Response;

/** Executes one request named by its {@code X-Amz-Target}; the operation registry, or a decorator of it. */
@FunctionalInterface
public interface RequestHandler {
    Response handle(String target, byte[] body);
}
