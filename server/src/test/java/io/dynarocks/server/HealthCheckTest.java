package io.dynarocks.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

    @Test
    void aRunningServerIsHealthy() {
        try (DynaRocks db = DynaRocks.builder().inMemory().port(0).start()) {
            assertThat(HealthCheck.healthy(db.endpoint().getPort())).isTrue();
        }
    }

    @Test
    void aPortWhereNothingAnswersIsNotHealthy() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        assertThat(HealthCheck.healthy(port)).isFalse();
    }
}
