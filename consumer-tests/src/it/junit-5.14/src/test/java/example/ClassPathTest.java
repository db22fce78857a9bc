package example;

import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** What the README's dependency lines put on the application's test class path, beyond the AWS SDK. */
class ClassPathTest {

    @Test
    void noLogbackComesWithDynaRocks() {
        assertThrows(ClassNotFoundException.class, () -> Class.forName("ch.qos.logback.classic.Logger"));
    }

    @Test
    void dynaRocksOwnLibrariesAreNotOnTheClassPathUnderTheirNames() {
        for (String name : new String[] {"com.github.benmanes.caffeine.cache.Caffeine", "io.micrometer.core.instrument.MeterRegistry",
                "picocli.CommandLine", "com.fasterxml.jackson.core.JsonFactory", "io.netty.channel.MultiThreadIoEventLoopGroup"}) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
        }
    }
}
