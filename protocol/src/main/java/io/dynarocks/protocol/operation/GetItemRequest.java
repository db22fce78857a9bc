package io.dynarocks.protocol.operation;

import io.dynarocks.protocol.AttributeValue;
import java.util.List;
import java.util.Map;

/** GetItem's request. */
public record GetItemRequest(
        String tableName,
        Map<String, AttributeValue> key,
        boolean consistentRead,
        String projectionExpression,
        List<String> attributesToGet,
        ExpressionParameters expressionParameters,
        String returnConsumedCapacity) {

    public static GetItemRequest decode(byte[] body) {
        ItemMembers m = ItemMembers.read(body);
        Constraints c = m.constraints().notNull(m.key, "key");
        c.size(m.attributesToGet, 1, Integer.MAX_VALUE, "attributesToGet");
        c.check();
        return new GetItemRequest(m.tableName, m.key, Boolean.TRUE.equals(m.consistentRead),
                m.projectionExpression, m.attributesToGet, m.expressionParameters(), m.returnConsumedCapacity);
    }
}
