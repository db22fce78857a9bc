package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.expression.legacy.LegacyCondition;
import java.util.Map;

/** Query's request: the key condition and direction; the rest is shared with Scan in {@link ReadOptions}. */
public record QueryRequest(
        ReadOptions options,
        String keyConditionExpression,
        Map<String, LegacyCondition> keyConditions,
        boolean scanIndexForward) {

    public static QueryRequest decode(byte[] body) {
        ReadMembers m = ReadMembers.read(body, "QueryFilter");
        m.constraints().check();
        return new QueryRequest(m.options(), m.keyConditionExpression, m.keyConditions,
                m.scanIndexForward == null || m.scanIndexForward);
    }
}
