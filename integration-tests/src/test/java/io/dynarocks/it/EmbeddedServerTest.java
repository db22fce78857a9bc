package io.dynarocks.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.dynarocks.client.InProcessClients;
import io.dynarocks.server.DynaRocks;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

class EmbeddedServerTest {
    @Test
    void startsWithoutTables() {
        List<String> tables;
        try (DynaRocks db = DynaRocks.builder().inMemory().port(0).start();
             DynamoDbClient client = InProcessClients.client(db)) {
            tables = client.listTables().tableNames();
        }
        assertEquals(List.of(), tables);
    }
}
