package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.json.JsonReader;

/**
 * DescribeEndpoints' request. It has no members; {@code address} is where the client reached the
 * server (its {@code Host}), which the answer names as the endpoint to keep using.
 */
public record DescribeEndpointsRequest(String address) {

    /** Used when the transport does not say how the client addressed the server. */
    public static final String DEFAULT_ADDRESS = "localhost:8000";

    public static DescribeEndpointsRequest decode(byte[] body, String address) {
        JsonReader.readBody(body, (name, r) -> r.skip());
        return new DescribeEndpointsRequest(address == null || address.isBlank() ? DEFAULT_ADDRESS : address);
    }
}
