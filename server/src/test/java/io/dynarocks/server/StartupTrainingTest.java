package io.dynarocks.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class StartupTrainingTest {

    @Test
    void runsATablesLifeCycleWithTheExpectedAnswersAndLeavesNothingBehind() {
        try (DynaRocks server = DynaRocks.builder().inMemory().port(0).start()) {
            StartupTraining.run(server.endpoint());

            Dispatcher.Reply tables = server.dispatcher().dispatch("DynamoDB_20120810.ListTables", "{}".getBytes());
            assertEquals("{\"TableNames\":[]}", new String(tables.body()));
        }
    }
}
