package io.dynarocks.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies AWS Signature Version 4 as DynamoDB does, in DynamoDB's order of checks: signature present and
 * complete, time within 15 minutes, host signed, algorithm, credential scope, known key, signature, session
 * token. HMAC-SHA256 and SHA-256 come from the JDK.
 */
public final class SignatureV4 {

    private static final String SERVICE = "dynamodb";
    private static final String INVALID = "The request signature we calculated does not match the signature you "
            + "provided. Check your AWS Secret Access Key and signing method. Consult the service documentation "
            + "for details.";
    private static final HexFormat HEX = HexFormat.of();

    private final Credentials credentials;
    private final Clock clock;
    /** Signing keys by access key and scope; filled only after a signature verified, so bounded by real use. */
    private final Map<String, byte[]> signingKeys = new ConcurrentHashMap<>();

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
                + CanonicalRequest.sha256Hex(canonical.getBytes(StandardCharsets.UTF_8));
        String cacheKey = key.id() + "/" + parts.scope();
        byte[] signingKey = signingKeys.get(cacheKey);
        boolean cached = signingKey != null;
        if (!cached) {
            signingKey = signingKey(key.secret(), parts);
        }
        byte[] expected = HEX.formatHex(hmac(signingKey, stringToSign)).getBytes(StandardCharsets.US_ASCII);
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
        return CanonicalRequest.sha256Hex(request.body());
    }

    private static byte[] signingKey(String secret, SignatureParts parts) {
        byte[] k = hmac(("AWS4" + secret).getBytes(StandardCharsets.UTF_8), parts.scopeDate());
        k = hmac(k, parts.region());
        k = hmac(k, parts.service());
        return hmac(k, "aws4_request");
    }

    /** Mac.getInstance looks the algorithm up among the providers each time; one instance per thread is reused. */
    private static final ThreadLocal<Mac> MACS = ThreadLocal.withInitial(() -> {
        try {
            return Mac.getInstance("HmacSHA256");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    });

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = MACS.get();
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA256", e);
        }
    }
}
