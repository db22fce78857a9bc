package io.dynarocks.security;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A request as the server would see it, with headers by case-insensitive name. */
record TestRequest(String method, String uri, Map<String, List<String>> headerMap, byte[] body)
        implements SignedRequest {

    static TestRequest of(String method, String uri, Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((k, v) -> map.computeIfAbsent(k, x -> new ArrayList<>()).addAll(v));
        return new TestRequest(method, uri, map, body);
    }

    TestRequest withHeader(String name, String value) {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        map.putAll(headerMap);
        if (value == null) {
            map.remove(name);
        } else {
            map.put(name, List.of(value));
        }
        return new TestRequest(method, uri, map, body);
    }

    TestRequest withBody(byte[] other) {
        return new TestRequest(method, uri, headerMap, other);
    }

    @Override
    public List<String> headers(String name) {
        return headerMap.getOrDefault(name, List.of());
    }

    @Override
    public InetAddress sourceAddress() {
        return InetAddress.getLoopbackAddress();
    }
}
