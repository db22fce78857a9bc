package io.dynarocks.junit5;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against an embedded in-memory DynaRocks server and injects its clients:
 * fields or parameters of type {@code DynamoDbClient}, {@code DynamoDbAsyncClient},
 * {@code DynamoDbEnhancedClient}, {@code DynamoDbStreamsClient}, {@code DynaRocks} and {@code URI}
 * (the endpoint).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@Documented
@ExtendWith(DynaRocksExtension.class)
public @interface DynaRocksTest {

    /** How long one server lives. */
    enum Scope {
        /** One server per test class (the default): classes cannot see each other's tables, so they may run in parallel. */
        CLASS,
        /** One server for every class that asks for it in this JVM; faster to start, but classes share tables. */
        JVM
    }

    /** How the injected clients reach the server. */
    enum Transport {
        /** Over HTTP on a free loopback port, as an application would. */
        HTTP,
        /** Straight into the server's dispatcher, without a socket: same codec and errors, less overhead. */
        IN_PROCESS
    }

    Scope scope() default Scope.CLASS;

    Transport transport() default Transport.HTTP;

    /** Delete every table before each test. */
    boolean resetTables() default false;
}
