package io.dynarocks.engine.operation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynarocks.engine.EngineRequests;
import io.dynarocks.protocol.AttributeValue;
import io.dynarocks.protocol.operation.BatchExecuteStatementResponse;
import io.dynarocks.protocol.operation.BatchExecuteStatementResponse.Entry;
import io.dynarocks.protocol.operation.ExecuteStatementResponse;
import io.dynarocks.storage.StorageException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * BatchExecuteStatement meeting a store that holds writes back (a write stall, simulated by a change hook that
 * refuses the writes of items whose key starts with "stalled"): refused as a whole while nothing is written,
 * statement by statement with InternalServerError once some are in.
 */
class BatchExecuteStatementStallTest {

    private final EngineRequests engine = new EngineRequests();

    @BeforeEach
    void createTable() {
        engine.createHashTable("Stall");
        engine.engine().addHook((change, batch) -> {
            if (((AttributeValue.S) change.key().hash()).value().startsWith("stalled")) {
                throw new StorageException.Stalled("RocksDB holds writes back (write stall)", null);
            }
        });
    }

    @AfterEach
    void close() {
        engine.close();
    }

    private Object call(String action, String json) {
        return engine.call(action, json);
    }

    private static String batch(String... pks) {
        StringBuilder statements = new StringBuilder();
        for (String pk : pks) {
            statements.append(statements.length() == 0 ? "" : ",")
                    .append("{\"Statement\":\"INSERT INTO Stall VALUE {'pk': ?}\",\"Parameters\":[{\"S\":\"")
                    .append(pk).append("\"}]}");
        }
        return "{\"Statements\":[" + statements + "]}";
    }

    private boolean present(String pk) {
        var found = (ExecuteStatementResponse) call("ExecuteStatement",
                "{\"Statement\":\"SELECT * FROM Stall WHERE pk = ?\",\"Parameters\":[{\"S\":\"" + pk + "\"}],"
                        + "\"ConsistentRead\":true}");
        return !found.items().isEmpty();
    }

    @Test
    void aStallBeforeAnyStatementIsWrittenRefusesTheWholeBatchForTheServerToRetryOrAnswer503() {
        assertThatThrownBy(() -> call("BatchExecuteStatement", batch("stalled1", "after")))
                .isInstanceOf(StorageException.Stalled.class);
        assertThat(present("after")).isFalse();
    }

    @Test
    void aStatementAStallRefusesAfterOthersWereWrittenFailsAloneWithInternalServerErrorAsA503SingleWriteWould() {
        var response = (BatchExecuteStatementResponse) call("BatchExecuteStatement",
                batch("first", "stalled2", "third"));
        assertThat(response.responses()).extracting(Entry::errorCode).containsExactly(null, "InternalServerError", null);
        assertThat(response.responses().get(1).errorMessage())
                .isEqualTo("DynamoDB is currently unavailable. (This should be a temporary state.)");
        assertThat(response.responses().get(1).tableName()).isEqualTo("Stall");
        assertThat(Map.of("first", present("first"), "stalled2", present("stalled2"), "third", present("third")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("first", true, "stalled2", false, "third", true));
    }
}
