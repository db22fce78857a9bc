package example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.dynarocks.junit5.DynaRocksTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/** DynaRocks logs through the application's own Logback, configured by the application. */
@DynaRocksTest
class SpringLoggingTest {
    DynamoDbClient client;

    @Test
    void requestLogReachesTheApplicationsLogback() throws InterruptedException {
        Logger requests = assertInstanceOf(Logger.class, LoggerFactory.getLogger("io.dynarocks.requests"));
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        requests.addAppender(appender);
        requests.setLevel(Level.DEBUG);
        try {
            assertEquals(List.of(), client.listTables().tableNames());
            // the line is written when the response has been sent, which may be just after the client has it
            for (int i = 0; i < 500 && !logged(appender); i++) {
                Thread.sleep(10);
            }
        } finally {
            requests.detachAppender(appender);
        }

        assertTrue(logged(appender), appender.list::toString);
    }

    private static boolean logged(ListAppender<ILoggingEvent> appender) {
        return appender.list.stream().anyMatch(e -> e.getMessage().equals("request") && e.getKeyValuePairs() != null
                && e.getKeyValuePairs().stream().anyMatch(kv -> kv.key.equals("target")
                        && kv.value.equals("DynamoDB_20120810.ListTables")));
    }
}
