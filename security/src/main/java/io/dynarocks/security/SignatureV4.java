package io.dynarocks.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verifies AWS Signature Version 4 as DynamoDB does, in DynamoDB's order of checks: signature present and
 * complete, time within 15 minutes, host signed, algorithm, credential scope, known key, signature, session
 * token. HMAC-SHA256 and SHA-256 come from the JDK ({@link Sha256}).
 */
public final class SignatureV4 {

    private static final String SERVICE = "dynamodb";
    private static final String INVALID = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation "
            + "for details.";

    private final Credentials credentials;
    private final Clock clock;
    /** Signing keys by access key and scope; filled only after a signature verified, so bounded by real use. */
    private final Map<Scoped, byte[]> signingKeys = new ConcurrentHashMap<>();

    /** A signing key's cache key: the key's id (whose hash the String keeps) and the credential scope. */
    private record Scoped(String accessKeyId, String scope) {}

    public SignatureV4(Credentials credentials, Clock clock) {
        this.credentials = credentials;
        this.clock = clock;
    }

    /** The key that signed {@code request}, or DynamoDB's error when the signature is missing or wrong. */
    public AccessKey verify(SignedRequest request) {
        SignatureParts parts = SignatureParts.of(request, SERVICE, clock.instant());
        AccessKey key = credentials.find(parts.accessKeyId());
        if (key == null) {
            throw AccessErrors.unknownKey();
        }
        String canonical = CanonicalRequest.of(request, parts, payloadHash(request, parts));
        String stringToSign = SignatureParts.ALGORITHM + "\n" + parts.time() + "\n" + parts.scope() + "\n"
                + Sha256.hex(canonical.getBytes(StandardCharsets.UTF_8));
        Scoped cacheKey = new Scoped(key.id(), parts.scope());
        byte[] signingKey = signingKeys.get(cacheKey);
        boolean cached = signingKey != null;
        if (!cached) {
            signingKey = signingKey(key.secret(), parts);
        }
        byte[] expected = Sha256.hexBytes(Sha256.hmac(signingKey, stringToSign));
        if (!MessageDigest.isEqual(expected, parts.signature().getBytes(StandardCharsets.US_ASCII))) {
            throw AccessErrors.invalidSignature(INVALID + "\n\nThe Canonical String for this request should have been\n'"
                    + canonical + "'\n\nThe String-to-Sign should have been\n'" + stringToSign + "'\n");
        }
        if (!cached) {
            signingKeys.put(cacheKey, signingKey);
        }
        if (!java.util.Objects.equals(parts.sessionToken(), key.sessionToken())) {
            throw AccessErrors.invalidSessionToken();
        }
        return key;
    }

    /**
     * The hash of the body as received. A client may state it in x-amz-content-sha256; a stated hash that is
     * not the body's own fails the signature like any other tampering. Only presigned requests may leave the
     * payload unsigned.
     */
    private static String payloadHash(SignedRequest request, SignatureParts parts) {
        String stated = request.header("X-Amz-Content-Sha256");
        if (stated != null && stated.equals(CanonicalRequest.UNSIGNED_PAYLOAD) && parts.presigned()) {
            return stated;
        }
        return Sha256.hex(request.body());
    }

    private static byte[] signingKey(String secret, SignatureParts parts) {
        byte[] k = Sha256.hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), parts.scopeDate());
        k = Sha256.hmac(k, parts.region());
        k = Sha256.hmac(k, parts.service());
        return Sha256.hmac(k, "aws4_request");
    }
}
