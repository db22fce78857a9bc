package io.dynarocks.security;

import java.net.InetAddress;
import java.util.List;

/** The parts of an HTTP request that SigV4 signs and policies look at, independent of the HTTP library. */
public interface SignedRequest {

    String method();

    /** The request target as received: raw path and, after {@code ?}, the raw query string. */
    String uri();

    /** Every value of the header {@code name} (case-insensitive), in order; empty when absent. */
    List<String> headers(String name);

    byte[] body();

    /** The client's address ({@code aws:SourceIp}); null when unknown. */
    InetAddress sourceAddress();

    /** Whether the request came over TLS ({@code aws:SecureTransport}). */
    default boolean secure() {
        return false;
    }

    /** The first value of the header {@code name}, or null. */
    default String header(String name) {
        List<String> values = headers(name);
        return values.isEmpty() ? null : values.get(0);
    }
}
