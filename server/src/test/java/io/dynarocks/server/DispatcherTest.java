package io.dynarocks.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dynarocks.engine.RequestHandler;
import io.dynarocks.protocol.operation.Response;
import io.dynarocks.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** How the dispatcher answers and logs failures that are not DynamoDB errors. */
class DispatcherTest {

    private final Logger log = (Logger) LoggerFactory.getLogger(Dispatcher.class);
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

    @BeforeEach
    void capture() {
        logged.start();
        log.addAppender(logged);
    }

    @AfterEach
    void release() {
        log.detachAppender(logged);
    }

    private static Dispatcher failingWith(RuntimeException failure) {
        return new Dispatcher(new RequestHandler() {
            @Override
            public Response handle(String target, byte[] body) {
                throw failure;
            }

            @Override
            public Set<String> names() {
                return Set.of("DynamoDB_20120810.GetItem");
            }
        });
    }

    @Test
    void anUnavailableStoreAnswersTheRetryableInternalServerErrorAndLogsOneWarningLine() {
        Dispatcher.Reply reply = failingWith(new StorageException.Unavailable("etcd kv/range failed 40 times",
                new java.io.IOException("connection reset"))).dispatch("DynamoDB_20120810.GetItem", new byte[0]);

        assertThat(reply.status()).isEqualTo(500);
        assertThat(new String(reply.body(), StandardCharsets.UTF_8))
                .contains("\"__type\":\"com.amazonaws.dynamodb.v20120810#InternalServerError\"");
        assertThat(logged.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.WARN);
            assertThat(e.getFormattedMessage()).contains("GetItem").contains("etcd kv/range failed 40 times");
            assertThat(e.getThrowableProxy()).as("no stack trace").isNull();
        });
    }

    @Test
    void anUnexpectedFailureIsLoggedAsAnErrorWithItsStackTrace() {
        Dispatcher.Reply reply = failingWith(new IllegalStateException("a bug"))
                .dispatch("DynamoDB_20120810.GetItem", new byte[0]);

        assertThat(reply.status()).isEqualTo(500);
        assertThat(logged.list).singleElement().satisfies(e -> {
            assertThat(e.getLevel()).isEqualTo(Level.ERROR);
            assertThat(e.getThrowableProxy()).isNotNull();
        });
    }
}
