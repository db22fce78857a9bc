package io.dynarocks.security;

import java.util.Optional;

/**
 * The access key id and region a request names in its SigV4 credential ({@code Authorization:
 * AWS4-HMAC-SHA256 Credential=AKID/20240101/us-east-1/dynamodb/aws4_request, ...}, or a presigned
 * request's {@code X-Amz-Credential}), read without verifying the signature: what DynamoDB Local
 * keys its per-credential databases by.
 */
public record CredentialScope(String accessKeyId, String region) {

    /** The scope named by {@code request}; empty when it carries no SigV4 credential. */
    public static Optional<CredentialScope> of(SignedRequest request) {
        String credential = null;
        String auth = request.header("Authorization");
        if (auth != null) {
            int at = auth.indexOf("Credential=");
            if (at >= 0) {
                int end = auth.indexOf(',', at);
                credential = auth.substring(at + "Credential=".length(), end < 0 ? auth.length() : end).trim();
            }
        } else if (request.uri().contains("X-Amz-Credential=")) {
            credential = CanonicalRequest.queryParameters(request.uri()).get("X-Amz-Credential");
        }
        return credential == null ? Optional.empty() : parse(credential);
    }

    /** {@code AKID/date/region/service/aws4_request}; empty when the access key id or region is missing. */
    static Optional<CredentialScope> parse(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length < 3 || parts[0].isEmpty() || parts[2].isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CredentialScope(parts[0], parts[2]));
    }
}
