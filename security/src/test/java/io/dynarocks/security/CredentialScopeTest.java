package io.dynarocks.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CredentialScopeTest {

    private static TestRequest request(String uri, Map<String, List<String>> headers) {
        return TestRequest.of("POST", uri, headers, new byte[0]);
    }

    @Test
    void accessKeyIdAndRegionComeFromTheAuthorizationHeadersCredential() {
        TestRequest request = request("/", Map.of("Authorization", List.of("AWS4-HMAC-SHA256 "
                + "Credential=AKIDEXAMPLE/20240101/eu-west-1/dynamodb/aws4_request, SignedHeaders=host, Signature=ab")));
        assertThat(CredentialScope.of(request)).contains(new CredentialScope("AKIDEXAMPLE", "eu-west-1"));
    }

    @Test
    void aPresignedRequestNamesItsCredentialInTheQuery() {
        TestRequest request = request("/?X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=KEY2%2F20240101%2Fus-west-2%2Fdynamodb%2Faws4_request", Map.of());
        assertThat(CredentialScope.of(request)).contains(new CredentialScope("KEY2", "us-west-2"));
    }

    @Test
    void anUnsignedOrMalformedRequestHasNoScope() {
        assertThat(CredentialScope.of(request("/", Map.of()))).isEmpty();
        assertThat(CredentialScope.of(request("/", Map.of("Authorization", List.of("AWS4-HMAC-SHA256 Credential=KEY"))))).isEmpty();
        assertThat(CredentialScope.of(request("/", Map.of("Authorization", List.of("Basic dXNlcjpwYXNz"))))).isEmpty();
    }
}
