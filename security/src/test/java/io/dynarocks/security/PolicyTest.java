package io.dynarocks.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** IAM's evaluation rules: wildcards, variables, condition operators and qualifiers, deny wins. */
class PolicyTest {

    private static final Principal ALICE = new Principal("111122223333", "alice", Map.of("team", "red"),
            Policies.FULL_ACCESS);
    private static final String TABLE = "arn:aws:dynamodb:us-east-1:111122223333:table/Music";

    @Test
    void actionAndResourceWildcardsMatch() {
        Policy p = policy("""
                {"Effect": "Allow", "Action": "dynamodb:Get*", "Resource": "arn:aws:dynamodb:*:*:table/Mu?ic"}""");
        assertThat(decide(p, "dynamodb:GetItem", TABLE, Map.of())).isEqualTo(Policy.Decision.ALLOW);
        assertThat(decide(p, "DynamoDB:getitem", TABLE, Map.of())).isEqualTo(Policy.Decision.ALLOW);
        assertThat(decide(p, "dynamodb:PutItem", TABLE, Map.of())).isEqualTo(Policy.Decision.NONE);
        assertThat(decide(p, "dynamodb:GetItem", TABLE + "2", Map.of())).isEqualTo(Policy.Decision.NONE);
    }

    @Test
    void explicitDenyWinsOverAllow() {
        Policy p = Policy.parse(json("""
                {"Statement": [{"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"},
                               {"Effect": "Deny", "Action": "dynamodb:DeleteTable", "Resource": "*"}]}"""), false);
        assertThat(decide(p, "dynamodb:DeleteTable", TABLE, Map.of())).isEqualTo(Policy.Decision.DENY);
        assertThat(decide(p, "dynamodb:DeleteItem", TABLE, Map.of())).isEqualTo(Policy.Decision.ALLOW);
    }

    @Test
    void notActionAndNotResourceInvertTheMatch() {
        Policy p = policy("""
                {"Effect": "Allow", "NotAction": "dynamodb:Delete*", "NotResource": "arn:aws:dynamodb:*:*:table/Secret"}""");
        assertThat(decide(p, "dynamodb:GetItem", TABLE, Map.of())).isEqualTo(Policy.Decision.ALLOW);
        assertThat(decide(p, "dynamodb:DeleteItem", TABLE, Map.of())).isEqualTo(Policy.Decision.NONE);
        assertThat(decide(p, "dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:1:table/Secret", Map.of()))
                .isEqualTo(Policy.Decision.NONE);
    }

    @Test
    void forAllValuesHoldsForEveryValueAndForARequestWithoutTheKey() {
        Policy p = policy("""
                {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"ForAllValues:StringEquals":
                  {"dynamodb:LeadingKeys": ["${aws:username}", "shared"]}}}""");
        assertThat(decide(p, "dynamodb:GetItem", TABLE, keys("alice"))).isEqualTo(Policy.Decision.ALLOW);
        assertThat(decide(p, "dynamodb:GetItem", TABLE, keys("alice", "shared"))).isEqualTo(Policy.Decision.ALLOW);
        assertThat(decide(p, "dynamodb:GetItem", TABLE, keys("alice", "bob"))).isEqualTo(Policy.Decision.NONE);
        assertThat(decide(p, "dynamodb:Scan", TABLE, Map.of())).isEqualTo(Policy.Decision.ALLOW);
    }

    @Test
    void forAnyValueNeedsOneMatchingValue() {
        Policy p = policy("""
                {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"ForAnyValue:StringLike":
                  {"dynamodb:LeadingKeys": "team-${aws:PrincipalTag/team}-*"}}}""");
        assertThat(decide(p, "dynamodb:GetItem", TABLE, keys("x", "team-red-1"))).isEqualTo(Policy.Decision.ALLOW);
        assertThat(decide(p, "dynamodb:GetItem", TABLE, keys("team-blue-1"))).isEqualTo(Policy.Decision.NONE);
        assertThat(decide(p, "dynamodb:Scan", TABLE, Map.of())).isEqualTo(Policy.Decision.NONE);
    }

    @Test
    void ifExistsHoldsWhenTheKeyIsAbsent() {
        Policy p = policy("""
                {"Effect": "Allow", "Action": "*", "Resource": "*",
                 "Condition": {"StringEqualsIfExists": {"dynamodb:Select": "SPECIFIC_ATTRIBUTES"}}}""");
        assertThat(decide(p, "dynamodb:PutItem", TABLE, Map.of())).isEqualTo(Policy.Decision.ALLOW);
        assertThat(decide(p, "dynamodb:GetItem", TABLE, Map.of("dynamodb:select", List.of("ALL_ATTRIBUTES"))))
                .isEqualTo(Policy.Decision.NONE);
    }

    @Test
    void nullTestsWhetherTheKeyIsPresent() {
        Policy p = policy("""
                {"Effect": "Allow", "Action": "*", "Resource": "*",
                 "Condition": {"Null": {"dynamodb:LeadingKeys": "false"}}}""");
        assertThat(decide(p, "dynamodb:GetItem", TABLE, keys("a"))).isEqualTo(Policy.Decision.ALLOW);
        assertThat(decide(p, "dynamodb:Scan", TABLE, Map.of())).isEqualTo(Policy.Decision.NONE);
    }

    @Test
    void globalKeysSourceIpCurrentTimeAndSecureTransport() {
        Policy p = policy("""
                {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {
                  "IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "127.0.0.1/32"]},
                  "DateLessThan": {"aws:CurrentTime": "2030-01-01T00:00:00Z"},
                  "Bool": {"aws:SecureTransport": "false"}}}""");
        assertThat(decide(p, "dynamodb:GetItem", TABLE, Map.of())).isEqualTo(Policy.Decision.ALLOW);
        AccessContext late = new AccessContext(ALICE, "dynamodb:GetItem", TABLE, Map.of(),
                InetAddress.getLoopbackAddress(), Instant.parse("2031-01-01T00:00:00Z"), false);
        assertThat(Policy.evaluate(List.of(p), late)).isEqualTo(Policy.Decision.NONE);
        AccessContext elsewhere = new AccessContext(ALICE, "dynamodb:GetItem", TABLE, Map.of(),
                address("192.168.1.9"), Instant.parse("2026-01-01T00:00:00Z"), false);
        assertThat(Policy.evaluate(List.of(p), elsewhere)).isEqualTo(Policy.Decision.NONE);
    }

    @Test
    void negatedOperatorHoldsWhenNoValueMatches() {
        Policy p = policy("""
                {"Effect": "Deny", "Action": "*", "Resource": "*",
                 "Condition": {"StringNotEquals": {"dynamodb:ReturnValues": ["NONE", "UPDATED_NEW"]}}}""");
        assertThat(decide(p, "dynamodb:UpdateItem", TABLE, Map.of("dynamodb:returnvalues", List.of("ALL_OLD"))))
                .isEqualTo(Policy.Decision.DENY);
        assertThat(decide(p, "dynamodb:UpdateItem", TABLE, Map.of("dynamodb:returnvalues", List.of("NONE"))))
                .isEqualTo(Policy.Decision.NONE);
    }

    @Test
    void resourcePolicyStatementsMatchTheirPrincipals() {
        Policy p = Policy.parse(json("""
                {"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
                                "Action": "dynamodb:GetItem", "Resource": "*"}]}"""), true);
        assertThat(decide(p, "dynamodb:GetItem", TABLE, Map.of())).isEqualTo(Policy.Decision.ALLOW);
        Principal other = new Principal("444455556666", "eve", Map.of(), Policies.FULL_ACCESS);
        AccessContext context = new AccessContext(other, "dynamodb:GetItem", TABLE, Map.of(), null, Instant.now(),
                false);
        assertThat(Policy.evaluate(List.of(p), context)).isEqualTo(Policy.Decision.NONE);
    }

    @Test
    void unknownOperatorIsRefusedWhenThePolicyIsRead() {
        assertThatThrownBy(() -> policy("""
                {"Effect": "Allow", "Action": "*", "Resource": "*", "Condition": {"StringSortOf": {"a": "b"}}}"""))
                .hasMessage("unknown condition operator \"StringSortOf\"");
    }

    @Test
    void wildcardMatching() {
        assertThat(Wildcard.matches("a*b?c", "axxxbyc")).isTrue();
        assertThat(Wildcard.matches("a*b?c", "abc")).isFalse();
        assertThat(Wildcard.matches("*", "")).isTrue();
        assertThat(Wildcard.matches("*table/T", "arn:aws:dynamodb:r:1:table/T")).isTrue();
        assertThat(Wildcard.matches("*table/T", "arn:aws:dynamodb:r:1:table/T2")).isFalse();
    }

    private static Map<String, List<String>> keys(String... leading) {
        return Map.of("dynamodb:leadingkeys", List.of(leading));
    }

    private static Policy.Decision decide(Policy p, String action, String resource, Map<String, List<String>> keys) {
        AccessContext context = new AccessContext(ALICE, action, resource, keys, InetAddress.getLoopbackAddress(),
                Instant.parse("2026-01-01T00:00:00Z"), false);
        return Policy.evaluate(List.of(p), context);
    }

    private static Policy policy(String statement) {
        return Policy.parse(json("{\"Version\": \"2012-10-17\", \"Statement\": [" + statement + "]}"), false);
    }

    private static com.fasterxml.jackson.databind.JsonNode json(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static InetAddress address(String text) {
        try {
            return InetAddress.getByName(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
