package io.dynarocks.dax;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CanonicalRequestTest {

    private static CanonicalRequest of(String json) {
        return CanonicalRequest.of("DynamoDB_20120810.Query", json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void memberOrderAndWhitespaceDoNotMatter() {
        CanonicalRequest a = of("{\"TableName\":\"t\", \"Limit\": 5, \"ExpressionAttributeValues\":{\":b\":{\"S\":\"x\"},\":a\":{\"N\":\"1\"}}}");
        CanonicalRequest b = of("{\"ExpressionAttributeValues\":{\":a\":{\"N\":\"1\"},\":b\":{\"S\":\"x\"}},\"Limit\":5,\"TableName\":\"t\"}");
        assertThat(a.text()).isEqualTo(b.text());
        assertThat(a.consistentRead()).isFalse();
    }

    @Test
    void differentValuesAreDifferentRequests() {
        assertThat(of("{\"TableName\":\"t\",\"Limit\":5}").text()).isNotEqualTo(of("{\"TableName\":\"t\",\"Limit\":6}").text());
    }

    @Test
    void consistentReadIsDetected() {
        assertThat(of("{\"TableName\":\"t\",\"ConsistentRead\":true}").consistentRead()).isTrue();
        assertThat(of("{\"TableName\":\"t\",\"ConsistentRead\":false}").consistentRead()).isFalse();
    }

    @Test
    void malformedBodiesAreNotCacheable() {
        assertThat(of("{\"TableName\":").valid()).isFalse();
        assertThat(of("[]").valid()).isFalse();
    }
}
