package io.dynarocks.protocol.expression;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.DynamoException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Shorthands for expression tests. */
final class ExpressionTestSupport {

    private ExpressionTestSupport() {}

    static ExpressionContext ctx(Map<String, String> names, Object... values) {
        Map<String, AttributeValue> map = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i += 2) {
            map.put((String) values[i], (AttributeValue) values[i + 1]);
        }
        return new ExpressionContext(names, map.isEmpty() ? null : map);
    }

    static ExpressionContext ctx(Object... values) {
        return ctx(null, values);
    }

    static AttributeValue s(String v) {
        return new AttributeValue.S(v);
    }

    static AttributeValue n(String v) {
        return AttributeValue.N.of(v);
    }

    static void assertValidation(ThrowableRunnable call, String message) {
        assertThatThrownBy(call::run)
                .isInstanceOf(DynamoException.class)
                .hasMessage(message)
                .extracting(e -> ((DynamoException) e).type()).isEqualTo("ValidationException");
    }

    interface ThrowableRunnable {
        void run() throws Throwable;
    }
}
