package io.dynarocks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.protocol.DynamoException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/** Requests signed by the AWS SDK v2's own signer, verified as DynamoDB verifies them. */
class SignatureV4Test {

    private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    private static final byte[] BODY = "{\"TableName\":\"Music\"}".getBytes(StandardCharsets.UTF_8);

    private final Credentials credentials = Credentials.load(null, List.of("AKIDALICE:alice-secret"));
    private final SignatureV4 verifier = new SignatureV4(credentials, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void requestSignedByTheSdkIsAccepted() {
        AccessKey key = verifier.verify(signed("AKIDALICE", "alice-secret", NOW, BODY));
        assertThat(key.principal().arn()).isEqualTo("arn:aws:iam::000000000000:user/AKIDALICE");
    }

    @Test
    void requestSignedOneMinuteAgoOrAheadIsAccepted() {
        verifier.verify(signed("AKIDALICE", "alice-secret", NOW.minus(Duration.ofMinutes(14)), BODY));
        verifier.verify(signed("AKIDALICE", "alice-secret", NOW.plus(Duration.ofMinutes(14)), BODY));
    }

    @Test
    void wrongSecretIsInvalidSignature() {
        assertThatThrownBy(() -> verifier.verify(signed("AKIDALICE", "wrong", NOW, BODY)))
                .satisfies(e -> assertError(e, "InvalidSignatureException"))
                .hasMessageStartingWith("The request signature we calculated does not match the signature you "
                        + "provided. Check your AWS Secret Access Key and signing method. Consult the service "
                        + "documentation for details.\n\nThe Canonical String for this request should have been\n"
                        + "'POST\n/\n\n");
    }

    @Test
    void tamperedBodyIsInvalidSignature() {
        TestRequest tampered = signed("AKIDALICE", "alice-secret", NOW, BODY)
                .withBody("{\"TableName\":\"Other\"}".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> verifier.verify(tampered))
                .satisfies(e -> assertError(e, "InvalidSignatureException"))
                .hasMessageStartingWith("The request signature we calculated does not match");
    }

    @Test
    void tamperedSignedHeaderIsInvalidSignature() {
        TestRequest tampered = signed("AKIDALICE", "alice-secret", NOW, BODY)
                .withHeader("X-Amz-Target", "DynamoDB_20120810.DeleteTable");
        assertThatThrownBy(() -> verifier.verify(tampered))
                .satisfies(e -> assertError(e, "InvalidSignatureException"));
    }

    @Test
    void signatureOlderThanFifteenMinutesHasExpired() {
        TestRequest old = signed("AKIDALICE", "alice-secret", NOW.minus(Duration.ofMinutes(16)), BODY);
        assertThatThrownBy(() -> verifier.verify(old))
                .satisfies(e -> assertError(e, "InvalidSignatureException"))
                .hasMessage("Signature expired: 20260301T094400Z is now earlier than 20260301T094500Z "
                        + "(20260301T100000Z - 15 min.)");
    }

    @Test
    void signatureMoreThanFifteenMinutesAheadIsNotYetCurrent() {
        TestRequest ahead = signed("AKIDALICE", "alice-secret", NOW.plus(Duration.ofMinutes(16)), BODY);
        assertThatThrownBy(() -> verifier.verify(ahead))
                .satisfies(e -> assertError(e, "InvalidSignatureException"))
                .hasMessage("Signature not yet current: 20260301T101600Z is still later than 20260301T101500Z "
                        + "(20260301T100000Z + 15 min.)");
    }

    @Test
    void unknownAccessKeyIsUnrecognizedClient() {
        assertThatThrownBy(() -> verifier.verify(signed("AKIDNOBODY", "x", NOW, BODY)))
                .satisfies(e -> assertError(e, "UnrecognizedClientException"))
                .hasMessage("The security token included in the request is invalid.");
    }

    @Test
    void missingAuthorizationIsMissingAuthenticationToken() {
        TestRequest unsigned = signed("AKIDALICE", "alice-secret", NOW, BODY).withHeader("Authorization", null);
        assertThatThrownBy(() -> verifier.verify(unsigned))
                .satisfies(e -> assertError(e, "MissingAuthenticationTokenException"))
                .hasMessage("Request is missing Authentication Token");
    }

    @Test
    void authorizationWithoutItsPartsIsIncompleteSignature() {
        TestRequest incomplete = signed("AKIDALICE", "alice-secret", NOW, BODY)
                .withHeader("Authorization", "AWS4-HMAC-SHA256 Signature=abc")
                .withHeader("X-Amz-Date", null);
        assertThatThrownBy(() -> verifier.verify(incomplete))
                .satisfies(e -> assertError(e, "IncompleteSignatureException"))
                .hasMessage("Authorization header requires 'Credential' parameter. Authorization header requires "
                        + "'SignedHeaders' parameter. Authorization header requires existence of either a "
                        + "'X-Amz-Date' or a 'Date' header. Authorization=AWS4-HMAC-SHA256 Signature=abc");
    }

    @Test
    void malformedDateIsIncompleteSignature() {
        TestRequest bad = signed("AKIDALICE", "alice-secret", NOW, BODY).withHeader("X-Amz-Date", "201");
        assertThatThrownBy(() -> verifier.verify(bad))
                .satisfies(e -> assertError(e, "IncompleteSignatureException"))
                .hasMessage("Date must be in ISO-8601 'basic format'. Got '201'. See http://en.wikipedia.org/wiki/ISO_8601");
    }

    @Test
    void credentialScopedToAnotherServiceIsInvalidSignature() {
        TestRequest other = signed("AKIDALICE", "alice-secret", NOW, BODY, "s3", null);
        assertThatThrownBy(() -> verifier.verify(other))
                .satisfies(e -> assertError(e, "InvalidSignatureException"))
                .hasMessage("Credential should be scoped to correct service: 'dynamodb'.");
    }

    @Test
    void credentialWithTooFewElementsIsIncompleteSignature() {
        TestRequest bad = signed("AKIDALICE", "alice-secret", NOW, BODY).withHeader("Authorization",
                "AWS4-HMAC-SHA256 Credential=a/b/c/d, SignedHeaders=host, Signature=abc");
        assertThatThrownBy(() -> verifier.verify(bad))
                .satisfies(e -> assertError(e, "IncompleteSignatureException"))
                .hasMessage("Credential must have exactly 5 slash-delimited elements, e.g. "
                        + "keyid/date/region/service/term, got 'a/b/c/d'");
    }

    @Test
    void sessionTokenMustBelongToTheKey() {
        AccessKey temporary = new AccessKey("ASIATEMP", "temp-secret", "the-token",
                new Principal("000000000000", "temp", Map.of(), Policies.FULL_ACCESS));
        SignatureV4 v = new SignatureV4(Credentials.of(temporary),
                Clock.fixed(NOW, ZoneOffset.UTC));
        v.verify(signed("ASIATEMP", "temp-secret", NOW, BODY, "dynamodb", "the-token"));
        assertThatThrownBy(() -> v.verify(signed("ASIATEMP", "temp-secret", NOW, BODY, "dynamodb", "stolen")))
                .satisfies(e -> assertError(e, "UnrecognizedClientException"))
                .hasMessage("The security token included in the request is invalid");
    }

    @Test
    void presignedRequestIsAccepted() {
        verifier.verify(presigned("AKIDALICE", "alice-secret", NOW.minus(Duration.ofMinutes(30)),
                Duration.ofHours(1)));
    }

    @Test
    void presignedRequestPastItsExpiryHasExpired() {
        TestRequest old = presigned("AKIDALICE", "alice-secret", NOW.minus(Duration.ofMinutes(80)),
                Duration.ofMinutes(60));
        assertThatThrownBy(() -> verifier.verify(old))
                .satisfies(e -> assertError(e, "InvalidSignatureException"))
                .hasMessageStartingWith("Signature expired: ");
    }

    private static void assertError(Throwable e, String type) {
        assertThat(e).isInstanceOf(DynamoException.class);
        assertThat(((DynamoException) e).type()).isEqualTo(type);
        assertThat(((DynamoException) e).status()).isEqualTo(400);
    }

    static TestRequest signed(String id, String secret, Instant at, byte[] body) {
        return signed(id, secret, at, body, "dynamodb", null);
    }

    static TestRequest signed(String id, String secret, Instant at, byte[] body, String service, String token) {
        SdkHttpRequest request = baseRequest(body);
        AwsCredentialsIdentity identity = token == null ? AwsCredentialsIdentity.create(id, secret)
                : AwsSessionCredentialsIdentity.create(id, secret, token);
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, service)
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return asReceived(signed.request(), body);
    }

    static TestRequest presigned(String id, String secret, Instant at, Duration expiry) {
        SdkHttpRequest request = baseRequest(new byte[0]).toBuilder().method(SdkHttpMethod.GET).build();
        var signed = AwsV4HttpSigner.create().sign(r -> r.identity(AwsCredentialsIdentity.create(id, secret))
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(new byte[0]))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                .putProperty(AwsV4HttpSigner.REGION_NAME, "us-east-1")
                .putProperty(AwsV4FamilyHttpSigner.AUTH_LOCATION, AwsV4FamilyHttpSigner.AuthLocation.QUERY_STRING)
                .putProperty(AwsV4FamilyHttpSigner.EXPIRATION_DURATION, expiry)
                .putProperty(AwsV4HttpSigner.SIGNING_CLOCK, Clock.fixed(at, ZoneOffset.UTC)));
        return asReceived(signed.request(), new byte[0]);
    }

    private static SdkHttpRequest baseRequest(byte[] body) {
        return SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(URI.create("http://127.0.0.1:8000/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", "DynamoDB_20120810.DescribeTable")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
    }

    /** What the server receives: the raw path and query, the headers, Host with the port. */
    private static TestRequest asReceived(SdkHttpRequest r, byte[] body) {
        String uri = r.encodedPath().isEmpty() ? "/" : r.encodedPath();
        StringBuilder query = new StringBuilder();
        r.rawQueryParameters().forEach((k, values) -> values.forEach(v -> query.append(query.length() == 0 ? "" : "&")
                .append(CanonicalRequest.encode(k, true)).append('=').append(CanonicalRequest.encode(v, true))));
        if (query.length() > 0) {
            uri += "?" + query;
        }
        Map<String, List<String>> headers = new java.util.HashMap<>(r.headers());
        headers.putIfAbsent("Host", List.of(r.host() + ":" + r.port()));
        return TestRequest.of(r.method().name(), uri, headers, body);
    }
}
