package io.dynarocks.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.engine.EngineRequests;
import io.dynarocks.engine.PartsRefused;
import io.dynarocks.engine.RequestGuard;
import io.dynarocks.protocol.DynamoException;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A guard refusing some statements of a BatchExecuteStatement: those get their error, the others run. */
class PartwiseRefusalTest {

    private static final DynamoException DENIED = new DynamoException("AccessDeniedException", "not this one", 400);
    /** Refuses the second part of whatever it sees. */
    private static final RequestGuard SECOND_REFUSED = (target, request) -> {
        TreeMap<Integer, DynamoException> refused = new TreeMap<>();
        refused.put(1, DENIED);
        throw new PartsRefused(refused);
    };

    private final EngineRequests engine = new EngineRequests();

    @BeforeEach
    void table() {
        engine.createHashTable("tab");
    }

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aRefusedStatementGetsItsErrorWhileTheOthersRun() {
        String response = call("BatchExecuteStatement", "{\"Statements\":["
                + "{\"Statement\":\"INSERT INTO tab VALUE {'pk': 'a'}\"},"
                + "{\"Statement\":\"INSERT INTO tab VALUE {'pk': 'b'}\"},"
                + "{\"Statement\":\"INSERT INTO tab VALUE {'pk': 'c'}\"}]}", SECOND_REFUSED);
        assertThat(response).isEqualTo("{\"Responses\":[{\"TableName\":\"tab\"},{\"Error\":{\"Code\":\"AccessDenied\","
                + "\"Message\":\"not this one\"},\"TableName\":\"tab\"},{\"TableName\":\"tab\"}]}");
        assertThat(call("Scan", "{\"TableName\":\"tab\"}", null)).contains("\"Count\":2").doesNotContain("\"b\"");
    }

    @Test
    void anyOtherActionIsRefusedWholeAsItsFirstRefusedPart() {
        assertThatThrownBy(() -> call("PutItem", "{\"TableName\":\"tab\",\"Item\":{\"pk\":{\"S\":\"x\"}}}",
                SECOND_REFUSED)).isInstanceOfSatisfying(DynamoException.class, e -> {
                    assertThat(e.type()).isEqualTo("AccessDeniedException");
                    assertThat(e.getMessage()).isEqualTo("not this one");
                });
        assertThat(call("Scan", "{\"TableName\":\"tab\"}", null)).contains("\"Count\":0");
    }

    private String call(String action, String body, RequestGuard guard) {
        return engine.json(action, body, guard);
    }
}
